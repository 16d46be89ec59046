import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ReleaseTrainError } from '../action/failure.js';
import { type Config, configSchema } from './schema.js';

export const CONFIG_PATH = '.github/release-train.yml';

/** Parses the config file's text; `undefined` (no file) means every default. */
export function parseConfig(text: string | undefined, source = CONFIG_PATH): Config {
  let document: unknown = {};
  if (text !== undefined) {
    try {
      document = parse(text) ?? {};
    } catch (error) {
      const where =
        error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
      throw new ReleaseTrainError(
        'bad-config',
        `${source}${where} is not valid YAML: ${(error as Error).message.split('\n')[0]}. Nothing was changed.`,
      );
    }
  }
  const parsed = configSchema.safeParse(document);
  if (!parsed.success) {
    throw new ReleaseTrainError(
      'bad-config',
      `${source} is invalid. Nothing was changed; fix these and run again:\n${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
      return `- \`${path}\`: ${issue.message}`;
    })
    .join('\n');
}

/** Reads the config from a checkout (the workspace). */
export async function loadConfigFromCheckout(workspace: string, path = CONFIG_PATH): Promise<Config> {
  let text: string | undefined;
  try {
    text = await readFile(join(workspace, path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return parseConfig(text, path);
}
