import { fingerprintTarget, type PlanBasis, planFingerprint } from '../../src/core/plan-fingerprint.js';

const basis: PlanBasis = {
  defaultSha: 'a'.repeat(40),
  productionSha: 'b'.repeat(40),
  target: 'c'.repeat(40),
  labels: new Map([[41, ['stage: waiting for production', 'bug']]]),
  approvals: new Map([[41, 'alice']]),
};

describe('the plan fingerprint', () => {
  it('is stable for the same basis and names the target it approved', () => {
    const fingerprint = planFingerprint(basis);
    expect(
      planFingerprint({ ...basis, labels: new Map([[41, ['bug', 'stage: waiting for production']]]) }),
    ).toBe(fingerprint);
    expect(fingerprintTarget(fingerprint)).toBe('c'.repeat(12));
  });

  it('changes when the default branch, production, a label or an approval changes', () => {
    const fingerprint = planFingerprint(basis);
    expect(planFingerprint({ ...basis, defaultSha: 'd'.repeat(40) })).not.toBe(fingerprint);
    expect(planFingerprint({ ...basis, productionSha: 'd'.repeat(40) })).not.toBe(fingerprint);
    expect(planFingerprint({ ...basis, labels: new Map([[41, ['stage: testing']]]) })).not.toBe(fingerprint);
    expect(planFingerprint({ ...basis, approvals: new Map([[41, 'bob']]) })).not.toBe(fingerprint);
  });

  it('an empty plan approves no target', () => {
    expect(fingerprintTarget(planFingerprint({ ...basis, target: undefined }))).toBeUndefined();
  });
});
