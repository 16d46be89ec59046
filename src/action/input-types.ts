import { z } from 'zod';

/**
 * Zod types for action inputs. The runner hands every input over as a string (an unset input is
 * ''), so these parse strings; '' has already been turned into `undefined` so defaults apply.
 */

export const booleanInput = z
  .enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'], { message: 'expected true or false' })
  .transform((value) => value.toLowerCase() === 'true');

export const integerInput = z
  .string()
  .regex(/^\d+$/, { message: 'expected a whole number' })
  .transform((value) => Number.parseInt(value, 10));

/** A list given one item per line, or separated by commas or spaces. Empty items are dropped. */
export const listInput = z.string().transform((value) =>
  value
    .split(/[\n,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** One item per line (items may contain spaces, e.g. commands). */
export const linesInput = z.string().transform((value) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `90`, `90s`, `15m`, `1h30m`, `500ms` into milliseconds; a bare number means seconds. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number.parseFloat(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed) return undefined;
  return parts.reduce((total, part) => total + Number.parseFloat(part[1]!) * durationUnits[part[2]!]!, 0);
}

/** A duration in milliseconds, written `90`, `90s`, `15m`, `1h30m` or `500ms`. */
export const durationInput = z.string().transform((value, context) => {
  const parsed = parseDuration(value);
  if (parsed === undefined) {
    context.addIssue({
      code: 'custom',
      message: `expected a duration such as 90s, 15m or 1h30m, got "${value}"`,
    });
    return z.NEVER;
  }
  return parsed;
});
