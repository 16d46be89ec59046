import { z } from 'zod';
import { booleanInput, durationInput, listInput, parseDuration } from '../../src/action/input-types.js';
import { readInputs } from '../../src/action/run-action.js';

const definition = {
  name: 'example',
  inputs: z.object({
    'dry-run': booleanInput.default(false),
    groups: listInput,
    timeout: durationInput.default(600_000),
  }),
  main: async () => ({ ok: true, reasonCode: 'ok', message: '', summary: '' }),
};

describe('action inputs', () => {
  it('unset inputs take the schema defaults, set ones are parsed', () => {
    const inputs = readInputs(definition, (name) => ({ groups: 'api, web\nworker' })[name] ?? '');
    expect(inputs).toEqual({ 'dry-run': false, groups: ['api', 'web', 'worker'], timeout: 600_000 });
  });

  it('a bad value is refused naming the input', () => {
    expect(() => readInputs(definition, (name) => ({ groups: 'a', 'dry-run': 'yes' })[name] ?? '')).toThrow(
      /input `dry-run`: expected true or false/,
    );
    expect(() => readInputs(definition, (name) => ({ groups: 'a', timeout: 'soon' })[name] ?? '')).toThrow(
      /input `timeout`: expected a duration/,
    );
  });

  it('a missing required input is refused naming the input', () => {
    expect(() => readInputs(definition, () => '')).toThrow(/input `groups`/);
  });

  it('durations read the way people write them', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('15 minutes')).toBeUndefined();
  });

  it('booleans accept the spellings YAML users write', () => {
    expect(booleanInput.parse('True')).toBe(true);
    expect(booleanInput.parse('false')).toBe(false);
  });
});
