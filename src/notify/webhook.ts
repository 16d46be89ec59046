import { ReleaseTrainError } from '../action/failure.js';
import { type Notification, renderWebhookBody, type WebhookBody } from '../core/notification.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from '../core/retry-delay.js';

/**
 * Posts a notification to a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat).
 * The webhook URL is a credential: it never appears in a log line or an error, only its masked
 * form (`https://hooks.slack.com/***`).
 */

export interface SendOptions {
  retry?: Partial<RetryPolicy>;
  /** How long one attempt may take. */
  timeoutMs?: number;
  /** Told about every retry, with the masked destination. */
  log?: (message: string) => void;
  /** Waits between attempts; tests pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Delivery {
  /** The masked destination, safe to print. */
  destination: string;
  status: number;
  attempts: number;
  body: WebhookBody;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The webhook's origin with its secret path hidden, e.g. `https://hooks.slack.com/***`. */
export function maskWebhookUrl(webhookUrl: string): string {
  try {
    return `${new URL(webhookUrl).origin}/***`;
  } catch {
    return '***';
  }
}

function parseWebhookUrl(webhookUrl: string): URL {
  let url: URL;
  try {
    url = new URL(webhookUrl.trim());
  } catch {
    throw new ReleaseTrainError(
      'bad-input',
      'The webhook URL is not a valid URL (its value is not printed: it is a secret). No message was sent.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReleaseTrainError(
      'bad-input',
      `The webhook URL must use https (got ${url.protocol}). No message was sent.`,
    );
  }
  return url;
}

/** Removes any trace of the URL (whole, or its secret path) from text that will be printed. */
function scrub(text: string, url: URL): string {
  let clean = text.split(url.href).join(maskWebhookUrl(url.href));
  if (url.pathname.length > 1) clean = clean.split(url.pathname).join('/***');
  return clean;
}

/**
 * Sends `message` and resolves once the service accepted it (2xx). Rate limits (429) and server
 * errors (5xx) are retried with bounded backoff, honouring `Retry-After`; other answers fail at
 * once with `notification-failed`.
 */
export async function sendNotification(
  webhookUrl: string,
  message: Notification,
  options: SendOptions = {},
): Promise<Delivery> {
  const url = parseWebhookUrl(webhookUrl);
  const destination = maskWebhookUrl(url.href);
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? sleepFor;
  const body = renderWebhookBody(message);
  const payload = JSON.stringify(body);

  for (let attempt = 1; ; attempt++) {
    let status: number | undefined;
    let retryAfter: string | null = null;
    let problem: string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'release-train' },
        body: payload,
        // A redirect would drop the POST body; it is answered as a final, non-2xx status instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const answer = (await response.text()).trim();
      if (response.ok) return { destination, status: response.status, attempts: attempt, body };
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      problem = `HTTP ${status}${answer ? `: ${scrub(answer.slice(0, 200), url)}` : ''}`;
    } catch (error) {
      problem = scrub(describeFetchError(error), url);
    }
    const waitMs = retryDelay(attempt, { status, retryAfter }, policy);
    if (waitMs === undefined) {
      throw new ReleaseTrainError(
        'notification-failed',
        `The webhook at ${destination} refused the notification after ${attempt} attempt(s) (${problem}). ` +
          'Nothing else was changed; check the webhook URL secret and the chat service, then run again.',
        { destination, status: status ?? null, attempts: attempt },
      );
    }
    options.log?.(`Webhook ${destination} answered ${problem}; retrying in ${Math.ceil(waitMs / 1000)}s`);
    await sleep(waitMs);
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer before the timeout';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}
