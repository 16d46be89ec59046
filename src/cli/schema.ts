import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import type { CliCommand } from './command.js';

export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7' }),
    title: 'release-train configuration (.github/release-train.yml)',
  };
}

export const schemaCommand: CliCommand = {
  summary: 'print the JSON schema of .github/release-train.yml',
  usage: 'release-train schema',
  async run(_args, io) {
    io.out(JSON.stringify(configJsonSchema(), null, 2));
    return 0;
  },
};
