import { parseConfig } from '../../src/config/load.js';
import { stageLabelChanges, stageOf } from '../../src/core/stage.js';

const { stages } = parseConfig(undefined);

describe('stages', () => {
  it('a PR is in the stage its stage label names, ignoring other labels and case', () => {
    expect(stageOf(['bug', 'Stage: Testing'], stages)).toBe('testing');
    expect(stageOf(['bug'], stages)).toBeUndefined();
  });

  it('a PR carrying two stage labels counts as the earlier one, so it can never ride the train by mistake', () => {
    expect(stageOf(['stage: waiting for production', 'stage: testing'], stages)).toBe('testing');
  });

  it('moving to a stage adds its label and removes every other stage label, leaving the rest alone', () => {
    expect(stageLabelChanges(['bug', 'stage: testing'], 'waiting-for-production', stages)).toEqual({
      add: ['stage: waiting for production'],
      remove: ['stage: testing'],
    });
  });

  it('moving to the stage a PR is already in changes nothing', () => {
    expect(stageLabelChanges(['stage: done'], 'done', stages)).toEqual({ add: [], remove: [] });
  });

  it('renamed stage labels from the config are the ones used', () => {
    const custom = parseConfig('stages:\n  testing:\n    name: QA\n    color: "00ff00"\n').stages;
    expect(stageOf(['qa'], custom)).toBe('testing');
    expect(stageLabelChanges(['stage: testing'], 'testing', custom)).toEqual({ add: ['QA'], remove: [] });
  });
});
