import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { ReleaseTrainError } from '../action/failure.js';

/**
 * The three SDK clients a rolling deploy needs. Credentials come from the SDK's default chain (in a
 * workflow: aws-actions/configure-aws-credentials with OIDC). `endpoint` points every client at one
 * URL (an emulator, LocalStack); without it the SDK also honours AWS_ENDPOINT_URL_AUTO_SCALING,
 * AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING(_V2) and AWS_ENDPOINT_URL.
 */
export interface AwsConnection {
  region?: string;
  endpoint?: string;
  /** Attempts per request, throttling included (the SDK backs off between them). Default 6, or AWS_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

export interface AwsClients {
  region: string;
  autoScaling: AutoScalingClient;
  classicElb: ElasticLoadBalancingClient;
  elbv2: ElasticLoadBalancingV2Client;
  /** HTTP attempts sent, retries included. */
  stats: { requests: number };
}

export function resolveRegion(region: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const resolved = region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!resolved) {
    throw new ReleaseTrainError(
      'bad-input',
      'No AWS region: set the `region` input or AWS_REGION (aws-actions/configure-aws-credentials sets it). Nothing was changed.',
    );
  }
  return resolved;
}

export function connectAws(connection: AwsConnection = {}): AwsClients {
  const region = resolveRegion(connection.region);
  // AWS_MAX_ATTEMPTS, when set, is the SDK's to read; otherwise more patience than its default 3.
  const maxAttempts = connection.maxAttempts ?? (process.env.AWS_MAX_ATTEMPTS ? undefined : 6);
  const config = {
    region,
    ...(maxAttempts !== undefined && { maxAttempts }),
    ...(connection.endpoint && { endpoint: connection.endpoint }),
  };
  const stats = { requests: 0 };
  const clients = {
    autoScaling: new AutoScalingClient(config),
    classicElb: new ElasticLoadBalancingClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
  };
  // In the deserialize step, inside the retry loop: every attempt counts.
  const counter =
    <A, R>(next: (args: A) => Promise<R>) =>
    (args: A) => {
      stats.requests++;
      return next(args);
    };
  const options = { step: 'deserialize', name: 'releaseTrainRequestCount' } as const;
  clients.autoScaling.middlewareStack.add(counter, options);
  clients.classicElb.middlewareStack.add(counter, options);
  clients.elbv2.middlewareStack.add(counter, options);
  return { region, ...clients, stats };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'PriorRequestNotComplete',
]);

/** An AWS answer that says "slow down": retried with backoff, never treated as a failure. */
export function isThrottling(error: unknown): boolean {
  const named = error as { name?: string; Code?: string; $retryable?: { throttling?: boolean } };
  return (
    THROTTLING.has(named?.name ?? '') ||
    THROTTLING.has(named?.Code ?? '') ||
    named?.$retryable?.throttling === true
  );
}

/** The AWS error code of a failed call (`ValidationError`, `InvalidInstance`, ...). */
export function awsErrorCode(error: unknown): string {
  const named = error as { name?: string; Code?: string };
  return named?.Code ?? named?.name ?? 'Error';
}
