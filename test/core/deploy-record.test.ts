import { type DeployRecord, readRecord, recordTagKeys, recordTags } from '../../src/core/deploy-record.js';

const record: DeployRecord = {
  strategy: 'surge',
  desired: 3,
  min: 1,
  max: 4,
  suspended: ['AZRebalance', 'ScheduledActions'],
  oldInstances: Array.from({ length: 30 }, (_, i) => `i-0${String(i).padStart(16, '0')}`),
  protectedByUs: ['i-00000000000000003', 'i-00000000000000029'],
  startedAt: '2025-03-03T09:00:00Z',
  run: '4242',
};

describe('the deploy record', () => {
  it('fits in Auto Scaling tags of at most 256 characters and reads back the same', () => {
    const tags = recordTags(record);
    for (const tag of tags) expect(tag.value.length).toBeLessThanOrEqual(256);
    expect(tags.map((tag) => tag.key)).toEqual([
      'release-train:deploy',
      'release-train:old-instances',
      'release-train:old-instances:2',
      'release-train:old-instances:3',
    ]);
    const asMap = Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
    expect(readRecord(asMap)).toEqual({ found: true, record });
  });

  it('is readable by a person in the console', () => {
    expect(recordTags(record)[0]!.value).toBe(
      'strategy=surge desired=3 min=1 max=4 suspended=AZRebalance,ScheduledActions started=2025-03-03T09:00:00Z run=4242',
    );
  });

  it('a group without our tags carries no record; damaged tags are reported, not guessed', () => {
    expect(readRecord({ team: 'web' })).toEqual({ found: false });
    expect(readRecord({ 'release-train:deploy': 'desired=three' })).toMatchObject({
      found: true,
      problem: expect.stringMatching(/unreadable/),
    });
    expect(readRecord({ 'release-train:old-instances': 'i-1' })).toMatchObject({
      found: true,
      problem: expect.any(String),
    });
  });

  it('every release-train tag is deleted at the end, and only those', () => {
    expect(
      recordTagKeys({ team: 'web', 'release-train:deploy': 'x', 'release-train:old-instances:2': 'y' }),
    ).toEqual(['release-train:deploy', 'release-train:old-instances:2']);
  });
});
