import { z } from 'zod';

/**
 * `.github/release-train.yml`: every key is optional; a missing file means all defaults.
 * The JSON schema in schema/release-train.schema.json is generated from this (npm run build).
 */

const labelSchema = z
  .object({
    name: z.string().min(1).max(50).describe('The label as it appears on GitHub.'),
    color: z
      .string()
      .regex(/^[0-9a-fA-F]{6}$/, { message: 'expected six hex digits such as "0e8a16"' })
      .describe('Hex colour without "#".'),
    description: z.string().max(100).default(''),
  })
  .strict();

function stageLabel(name: string, color: string, description: string) {
  return labelSchema.prefault({ name, color, description });
}

export const stagesSchema = z
  .object({
    'waiting-for-staging': stageLabel(
      'stage: waiting for staging',
      'fbca04',
      'Merged; goes out with the next staging deploy',
    ),
    testing: stageLabel('stage: testing', '1d76db', 'Deployed to staging; being tested'),
    'waiting-for-production': stageLabel(
      'stage: waiting for production',
      '0e8a16',
      'Tested; goes out with the next production deploy',
    ),
    done: stageLabel('stage: done', '5319e7', 'Deployed to production'),
  })
  .strict();

const componentName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'expected lowercase letters, digits, ".", "_" or "-"' });

/** How a component is deployed to an environment. */
export const recipeSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rolling-deploy'),
      groups: z.array(z.string().min(1)).min(1),
      region: z.string().optional(),
      strategy: z.enum(['surge', 'one-by-one', 'instance-refresh']).default('surge'),
      'max-batch': z.number().int().positive().optional(),
      'max-parallel': z.number().int().positive().optional().describe('Groups deployed at the same time.'),
      timeout: z
        .string()
        .regex(/^(\d+(\.\d+)?(ms|s|m|h))+$|^\d+$/, { message: 'expected a duration such as 30m or 1h' })
        .optional()
        .describe('How long one group may take before it is rolled back.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('remote'),
      hosts: z.array(z.string().min(1)).min(1),
      user: z.string().optional(),
      commands: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  z
    .object({ kind: z.literal('workflow') })
    .strict()
    .describe('Steps of your own between the start and finish phases.'),
]);

export const componentSchema = z
  .object({
    description: z.string().optional(),
    /** A quorum service (etcd, consul): never more than a minority replaced at once. */
    quorum: z.boolean().default(false),
    staging: recipeSchema.optional(),
    production: recipeSchema.optional(),
  })
  .strict();

export const configSchema = z
  .object({
    'default-branch': z.string().min(1).optional().describe("Defaults to the repository's default branch."),
    'production-branch': z.string().min(1).default('production'),
    'tag-format': z
      .string()
      .refine((format) => format.includes('{date}'), { message: 'must contain {date}' })
      .default('production-{date}')
      .describe('{date} becomes YYYY-MM-DD (UTC); a second deploy the same day appends .2, .3, ...'),
    changelog: z.string().min(1).default('CHANGELOG.md'),
    stages: stagesSchema.prefault({}),
    'direct-pushes': z
      .enum(['block', 'allow'])
      .default('block')
      .describe('Whether a commit without a pull request on the default branch stops the train.'),
    'require-linked-issue': z.boolean().default(true),
    'require-staging': z
      .boolean()
      .default(true)
      .describe('Refuse to promote a commit that the newest staging deployment does not contain.'),
    components: z.record(componentName, componentSchema).default({}),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type StageLabels = Config['stages'];
export type Component = z.output<typeof componentSchema>;
export type Recipe = z.output<typeof recipeSchema>;
