import { ReleaseTrainError } from '../action/failure.js';
import type { WindowIncident } from '../core/maintenance-window.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from '../core/retry-delay.js';

/**
 * The Statuspage REST API (https://api.statuspage.io/v1) as far as maintenance windows need it:
 * incidents listed, created and updated, authenticated with `Authorization: OAuth KEY`.
 * Reads are retried on 420/429 and 5xx; writes only on 420/429 (refused before anything was
 * done), because a 5xx may hide a write that happened. A rerun finds that write by its marker.
 */

export interface StatuspageOptions {
  apiUrl: string;
  apiKey: string;
  pageId: string;
  retry?: Partial<RetryPolicy>;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface IncidentFields {
  name?: string;
  status?: string;
  impact_override?: string;
  scheduled_for?: string;
  scheduled_until?: string;
  scheduled_remind_prior?: boolean;
  scheduled_auto_in_progress?: boolean;
  scheduled_auto_completed?: boolean;
  body?: string;
  component_ids?: string[];
  components?: Record<string, string>;
  deliver_notifications?: boolean;
  metadata?: Record<string, Record<string, unknown>>;
}

export class StatuspageClient {
  /** Requests sent, retries included: the figure the benchmarks and tests count. */
  requests = 0;
  private readonly base: string;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: StatuspageOptions) {
    this.base = `${options.apiUrl.replace(/\/+$/, '')}/pages/${encodeURIComponent(options.pageId)}`;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Scheduled, in-progress and (searching by name) recent windows, each once. */
  async windowCandidates(name: string): Promise<WindowIncident[]> {
    const lists = [
      await this.request<WindowIncident[]>('GET', '/incidents/scheduled?per_page=100'),
      await this.request<WindowIncident[]>('GET', '/incidents/active_maintenance?per_page=100'),
      await this.request<WindowIncident[]>('GET', `/incidents?q=${encodeURIComponent(name)}&limit=100`),
    ];
    const byId = new Map<string, WindowIncident>();
    for (const incident of lists.flat())
      if (incident?.id && !byId.has(incident.id)) byId.set(incident.id, incident);
    return [...byId.values()];
  }

  createIncident(fields: IncidentFields): Promise<WindowIncident> {
    return this.request<WindowIncident>('POST', '/incidents', { incident: fields });
  }

  updateIncident(id: string, fields: IncidentFields): Promise<WindowIncident> {
    return this.request<WindowIncident>('PATCH', `/incidents/${encodeURIComponent(id)}`, {
      incident: fields,
    });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const write = method !== 'GET';
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      let status: number | undefined;
      let retryAfter: string | null = null;
      let problem: string;
      try {
        const response = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `OAuth ${this.options.apiKey}`,
            accept: 'application/json',
            'user-agent': 'release-train',
            ...(body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        problem = `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ''}`;
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        problem = `connection failed (${code ?? (error as Error).message})`;
      }
      // A write whose connection failed may or may not have arrived: only rate limits are retried.
      const rateLimited = status === 420 || status === 429;
      const retryable = write ? rateLimited : true;
      const waitMs = retryable
        ? retryDelay(attempt, { status: status === 420 ? 429 : status, retryAfter }, this.policy)
        : undefined;
      if (waitMs === undefined) {
        throw new ReleaseTrainError(
          'statuspage-failed',
          `Statuspage answered ${method} ${path.split('?')[0]} with ${problem}.` +
            (write
              ? ' The window may or may not have changed; running the step again finds it by its marker.'
              : ' Nothing was changed.'),
          { method, path: path.split('?')[0], status: status ?? null },
        );
      }
      this.options.log?.(
        `Statuspage answered ${method} ${path.split('?')[0]} with ${problem}; retrying in ${Math.ceil(waitMs / 1000)}s`,
      );
      await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(waitMs);
    }
  }
}
