import { chooseTag, deployTagOrder, isDeployTag, utcDate } from '../../src/core/tag-name.js';

const format = 'production-{date}';
const now = new Date('2024-05-01T23:30:00-02:00');

describe('the deploy tag', () => {
  it('carries the UTC date of the deploy', () => {
    expect(utcDate(now)).toBe('2024-05-02');
    expect(chooseTag({ format, now, existing: [], atTarget: [] })).toEqual({
      name: 'production-2024-05-02',
      reused: false,
    });
  });

  it('a second and third deploy the same day get .2 and .3', () => {
    expect(chooseTag({ format, now, existing: ['production-2024-05-02'], atTarget: [] }).name).toBe(
      'production-2024-05-02.2',
    );
    expect(
      chooseTag({ format, now, existing: ['production-2024-05-02', 'production-2024-05-02.2'], atTarget: [] })
        .name,
    ).toBe('production-2024-05-02.3');
  });

  it('a target already tagged keeps its tag instead of getting a second one', () => {
    expect(
      chooseTag({
        format,
        now,
        existing: ['production-2024-04-30'],
        atTarget: ['v1.0', 'production-2024-04-30'],
      }),
    ).toEqual({ name: 'production-2024-04-30', reused: true });
  });

  it('follows the configured format', () => {
    expect(chooseTag({ format: 'deploy/{date}/prod', now, existing: [], atTarget: [] }).name).toBe(
      'deploy/2024-05-02/prod',
    );
    expect(isDeployTag('deploy/2024-05-02/prod.4', 'deploy/{date}/prod')).toBe(true);
    expect(isDeployTag('deploy/2024-05-02/staging', 'deploy/{date}/prod')).toBe(false);
  });

  it('orders tags by date, then by their sequence number', () => {
    const tags = [
      'production-2024-05-02.10',
      'production-2024-05-02',
      'production-2024-04-30',
      'production-2024-05-02.2',
    ];
    expect(tags.sort(deployTagOrder(format))).toEqual([
      'production-2024-04-30',
      'production-2024-05-02',
      'production-2024-05-02.2',
      'production-2024-05-02.10',
    ]);
  });
});
