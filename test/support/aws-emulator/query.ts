/**
 * The AWS Query protocol: form-encoded parameters in (`Names.member.1=web`,
 * `Tags.member.2.Key=team`), XML out (`<XResponse><XResult>...</XResult><ResponseMetadata>`).
 */

export class Params {
  constructor(readonly raw: Record<string, string>) {}

  get(name: string): string | undefined {
    return this.raw[name];
  }

  required(name: string): string {
    const value = this.raw[name];
    if (value === undefined || value === '') throw new MissingParameter(name);
    return value;
  }

  int(name: string): number | undefined {
    const value = this.raw[name];
    return value === undefined ? undefined : Number.parseInt(value, 10);
  }

  bool(name: string): boolean | undefined {
    const value = this.raw[name];
    return value === undefined ? undefined : value === 'true';
  }

  /** `Name.member.N` values in N order. */
  list(name: string): string[] {
    return this.indexed(`${name}.member.`)
      .filter(([, rest]) => rest === '')
      .map(([, , value]) => value);
  }

  /** `Name.member.N.Field` structures in N order. */
  structs(name: string): Record<string, string>[] {
    const byIndex = new Map<number, Record<string, string>>();
    for (const [index, rest, value] of this.indexed(`${name}.member.`)) {
      if (!rest.startsWith('.')) continue;
      const struct = byIndex.get(index) ?? {};
      struct[rest.slice(1)] = value;
      byIndex.set(index, struct);
    }
    return [...byIndex].sort((a, b) => a[0] - b[0]).map(([, struct]) => struct);
  }

  /** `Name.Field` members of a nested structure. */
  struct(name: string): Record<string, string> {
    const prefix = `${name}.`;
    const struct: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.raw))
      if (key.startsWith(prefix)) struct[key.slice(prefix.length)] = value;
    return struct;
  }

  private indexed(prefix: string): [number, string, string][] {
    const found: [number, string, string][] = [];
    for (const [key, value] of Object.entries(this.raw)) {
      if (!key.startsWith(prefix)) continue;
      const match = /^(\d+)(.*)$/.exec(key.slice(prefix.length));
      if (match) found.push([Number.parseInt(match[1]!, 10), match[2]!, value]);
    }
    return found.sort((a, b) => a[0] - b[0]);
  }
}

export class MissingParameter extends Error {
  constructor(readonly parameter: string) {
    super(`The request must contain the parameter ${parameter}`);
  }
}

export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | XmlValue[]
  | { [key: string]: XmlValue };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function scalar(value: string | number | boolean | Date): string {
  return escapeXml(value instanceof Date ? value.toISOString() : String(value));
}

/** Structures become nested elements, arrays become `<member>` lists, undefined is left out. */
export function toXml(fields: Record<string, XmlValue>): string {
  return Object.entries(fields)
    .map(([name, value]) => element(name, value))
    .join('');
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => element('member', item)).join('')}</${name}>`;
  if (typeof value === 'object' && !(value instanceof Date)) return `<${name}>${toXml(value)}</${name}>`;
  return `<${name}>${scalar(value)}</${name}>`;
}

export function responseXml(
  action: string,
  namespace: string,
  result: Record<string, XmlValue> | undefined,
  requestId: string,
): string {
  const body = result === undefined ? '' : `<${action}Result>${toXml(result)}</${action}Result>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function errorXml(
  namespace: string,
  error: { type: string; code: string; message: string },
  requestId: string,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
