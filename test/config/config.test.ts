import { readFile } from 'node:fs/promises';
import { configJsonSchema } from '../../src/cli/schema.js';
import { parseConfig } from '../../src/config/load.js';

describe('the config file', () => {
  it('a missing file means every default', () => {
    const config = parseConfig(undefined);
    expect(config['production-branch']).toBe('production');
    expect(config['tag-format']).toBe('production-{date}');
    expect(config.changelog).toBe('CHANGELOG.md');
    expect(config['default-branch']).toBeUndefined();
    expect(Object.values(config.stages).map((stage) => stage.name)).toEqual([
      'stage: waiting for staging',
      'stage: testing',
      'stage: waiting for production',
      'stage: done',
    ]);
    expect(config['direct-pushes']).toBe('block');
    expect(config['require-staging']).toBe(true);
  });

  it('an empty file means every default too', () => {
    expect(parseConfig('')).toEqual(parseConfig(undefined));
  });

  it('overrides one stage label and keeps the defaults of the others', () => {
    const config = parseConfig('stages:\n  testing:\n    name: "qa"\n    color: "ff0000"\n');
    expect(config.stages.testing).toEqual({ name: 'qa', color: 'ff0000', description: '' });
    expect(config.stages.done.name).toBe('stage: done');
  });

  it('an invalid value is refused with its exact path and what was expected', () => {
    expect(() => parseConfig('stages:\n  testing:\n    name: qa\n    color: red\n')).toThrow(
      /`stages\.testing\.color`: expected six hex digits/,
    );
  });

  it('an unknown key is refused by name, so typos do not pass silently', () => {
    expect(() => parseConfig('production-brnch: prod\n')).toThrow(/production-brnch/);
  });

  it('a component recipe is checked by its kind', () => {
    const config = parseConfig(
      'components:\n  api:\n    staging:\n      kind: rolling-deploy\n      groups: [api-staging]\n',
    );
    expect(config.components.api?.staging).toEqual({
      kind: 'rolling-deploy',
      groups: ['api-staging'],
      strategy: 'surge',
    });
    expect(() => parseConfig('components:\n  api:\n    staging:\n      kind: rolling-deploy\n')).toThrow(
      /components\.api\.staging\.groups/,
    );
  });

  it('broken YAML names the line', () => {
    expect(() => parseConfig('stages:\n  testing: [\n')).toThrow(/not valid YAML.*|line/);
  });

  it('the JSON schema for editors in schema/ is the one generated from the zod schema', async () => {
    const committed = JSON.parse(
      await readFile(new URL('../../schema/release-train.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(configJsonSchema());
    expect(Object.keys(committed.properties)).toContain('tag-format');
  });
});
