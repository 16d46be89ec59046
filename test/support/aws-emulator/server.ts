import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoScalingApi } from './auto-scaling-api.js';
import { VirtualClock } from './clock.js';
import { AwsError } from './errors.js';
import { classicLoadBalancingApi, targetGroupApi } from './load-balancing-api.js';
import { errorXml, MissingParameter, Params, responseXml, type XmlValue } from './query.js';
import { World } from './world.js';

/**
 * An HTTP server on 127.0.0.1 (a port the OS picks) that answers the real AWS SDK clients the way
 * Auto Scaling and Elastic Load Balancing do: AWS Query requests (form-encoded POST with Action and
 * Version), SigV4-signed for the right service, XML answers in the service's namespace. Point the
 * clients at `url` through their `endpoint` option.
 */

type Handler = (world: World, params: Params) => Record<string, XmlValue> | undefined;

interface Service {
  name: 'autoscaling' | 'elb' | 'elbv2';
  signingName: string;
  namespace: string;
  handlers: Record<string, Handler>;
}

const SERVICES: Record<string, Service> = {
  '2011-01-01': {
    name: 'autoscaling',
    signingName: 'autoscaling',
    namespace: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
    handlers: autoScalingApi,
  },
  '2012-06-01': {
    name: 'elb',
    signingName: 'elasticloadbalancing',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
    handlers: classicLoadBalancingApi,
  },
  '2015-12-01': {
    name: 'elbv2',
    signingName: 'elasticloadbalancing',
    namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    handlers: targetGroupApi,
  },
};

export interface RecordedRequest {
  /** Virtual time. */
  t: number;
  service: Service['name'];
  action: string;
  params: Record<string, string>;
  status: number;
  error?: string;
}

export interface AwsEmulatorOptions {
  /** Virtual milliseconds per real millisecond (default 1000). */
  scale?: number;
  start?: number;
  region?: string;
}

interface Throttle {
  actions?: string[];
  remaining: number;
}

export class AwsEmulator {
  readonly requests: RecordedRequest[] = [];
  private throttles: Throttle[] = [];
  private hooks: { action: string; once: boolean; run: (params: Params) => void }[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly world: World,
    readonly clock: VirtualClock,
  ) {}

  static async start(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
    const clock = new VirtualClock({ scale: options.scale, start: options.start });
    const world = new World(clock, options.region);
    let emulator: AwsEmulator | undefined;
    const server = createServer((request, response) => {
      emulator!.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    emulator = new AwsEmulator(server, `http://127.0.0.1:${port}`, world, clock);
    return emulator;
  }

  /** The next `count` requests (of `actions`, or any) are answered with a Throttling error. */
  throttle(count: number, actions?: string[]): void {
    this.throttles.push({ remaining: count, ...(actions && { actions }) });
  }

  /** Runs `run` when a request for `action` has been applied (once by default). */
  onAction(action: string, run: (params: Params) => void, options: { once?: boolean } = {}): void {
    this.hooks.push({ action, once: options.once ?? true, run });
  }

  /** Environment for a child process whose SDK clients should reach this emulator. */
  env(): Record<string, string> {
    return {
      AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret',
      AWS_REGION: this.world.region,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  }

  count(action?: string, service?: RecordedRequest['service']): number {
    return this.requests.filter(
      (request) => (!action || request.action === action) && (!service || request.service === service),
    ).length;
  }

  calls(action: string): RecordedRequest[] {
    return this.requests.filter((request) => request.action === action && request.status === 200);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const requestId = randomUUID();
    const service = SERVICES[raw.Version ?? ''];
    const action = raw.Action ?? '';
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      response.end(body);
    };
    this.world.advance();
    const record: RecordedRequest = {
      t: this.world.now,
      service: service?.name ?? 'autoscaling',
      action,
      params: raw,
      status: 200,
    };
    this.requests.push(record);
    const fail = (error: AwsError) => {
      record.status = error.status;
      record.error = error.code;
      send(
        error.status,
        errorXml(
          service?.namespace ?? SERVICES['2011-01-01']!.namespace,
          { type: error.type, code: error.code, message: error.message },
          requestId,
        ),
      );
    };

    if (request.method !== 'POST' || !service) {
      fail(new AwsError('InvalidAction', `Unsupported request: ${request.method} Version=${raw.Version}`));
      return;
    }
    const authorization = request.headers.authorization ?? '';
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
    if (!scope) {
      fail(new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403));
      return;
    }
    if (scope[2] !== service.signingName) {
      fail(
        new AwsError(
          'SignatureDoesNotMatch',
          `Credential should be scoped to correct service: '${service.signingName}'.`,
          403,
        ),
      );
      return;
    }
    const handler = service.handlers[action];
    if (!handler) {
      fail(new AwsError('InvalidAction', `Could not find operation ${action} for version ${raw.Version}`));
      return;
    }
    const throttle = this.throttles.find(
      (candidate) => candidate.remaining > 0 && (!candidate.actions || candidate.actions.includes(action)),
    );
    if (throttle) {
      throttle.remaining--;
      fail(new AwsError('Throttling', 'Rate exceeded'));
      return;
    }
    try {
      const params = new Params(raw);
      const result = handler(this.world, params);
      this.world.settle();
      send(200, responseXml(action, service.namespace, result, requestId));
      for (const hook of [...this.hooks]) {
        if (hook.action !== action) continue;
        if (hook.once) this.hooks.splice(this.hooks.indexOf(hook), 1);
        hook.run(params);
      }
    } catch (error) {
      if (error instanceof AwsError) fail(error);
      else if (error instanceof MissingParameter) fail(new AwsError('MissingParameter', error.message));
      else throw error;
    }
  }
}
