import { retryAfterMs, retryDelay } from '../../src/core/retry-delay.js';

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

describe('when a webhook request is tried again', () => {
  it('server errors back off exponentially until the attempts run out', () => {
    expect(retryDelay(1, { status: 503 }, policy)).toBe(1000);
    expect(retryDelay(2, { status: 502 }, policy)).toBe(2000);
    expect(retryDelay(3, { status: 500 }, policy)).toBe(4000);
    expect(retryDelay(4, { status: 500 }, policy)).toBeUndefined();
  });

  it('a rate limit waits as long as Retry-After says, unless that is longer than the longest wait', () => {
    expect(retryDelay(1, { status: 429, retryAfter: '7' }, policy)).toBe(7000);
    expect(retryDelay(1, { status: 429, retryAfter: '3600' }, policy)).toBeUndefined();
  });

  it('a refused connection is retried, a client error never is', () => {
    expect(retryDelay(1, {}, policy)).toBe(1000);
    for (const status of [400, 401, 403, 404]) expect(retryDelay(1, { status }, policy)).toBeUndefined();
  });

  it('Retry-After may be an HTTP date', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(retryAfterMs('Wed, 01 May 2024 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
