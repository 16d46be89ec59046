import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * Checks the emulator's responses against GitHub's published OpenAPI description
 * (@octokit/openapi), so the emulator cannot drift from the real API: the operation is found by
 * method and path template, the schema by status code, and ajv validates the body.
 */

type Json = Record<string, unknown>;

interface Spec {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

export interface SchemaViolation {
  method: string;
  path: string;
  /** The operation, e.g. `GET /repos/{owner}/{repo}/pulls`. */
  operation: string;
  status: number;
  errors: string[];
}

let loaded: { spec: Spec; ajv: Ajv } | undefined;
const validators = new Map<string, ValidateFunction | null>();

/** OpenAPI 3.0's `nullable` without a `type` (and a nullable enum) in the terms ajv understands. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = toJsonSchema(value);
  if (out.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined) {
      const { nullable: _, ...rest } = out;
      return { anyOf: [rest, { type: 'null' }] };
    }
  }
  return out;
}

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  for (const [name, format] of Object.entries(fullFormats)) {
    // GitHub sends "" for unset URLs (a deployment status without target_url); its schema says uri.
    if (name === 'uri') {
      const uri = format as (value: string) => boolean;
      ajv.addFormat('uri', (value: string) => value === '' || uri(value));
    } else {
      ajv.addFormat(name, format);
    }
  }
  ajv.addSchema({ components: { schemas: toJsonSchema(spec.components.schemas) } }, 'github');
  loaded = { spec, ajv };
  return loaded;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    out[key] = key === '$ref' && typeof value === 'string' ? `github${value}` : rewriteRefs(value);
  }
  return out;
}

/** The schema GitHub documents for this operation and status, or null when it documents none. */
function responseSchema(
  spec: Spec,
  method: string,
  template: string,
  status: number,
): Json | null | undefined {
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) return undefined;
  const responses = operation.responses as Record<string, Json>;
  let response = responses[String(status)] ?? responses.default;
  if (!response) return undefined;
  if (typeof response.$ref === 'string') {
    response = spec.components.responses[response.$ref.split('/').pop()!]!;
  }
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  if (!content) return null;
  const media = content['application/json'] ?? Object.values(content)[0];
  return media?.schema ?? null;
}

/** True when GitHub's description has this operation (method + path template). */
export function hasOperation(method: string, template: string): boolean {
  return load().spec.paths[template]?.[method.toLowerCase()] !== undefined;
}

/**
 * The validation errors of a response body, or [] when it matches. Undocumented statuses
 * (GitHub's description leaves out many 403s and 401s) are not checked.
 */
export function validateResponse(method: string, template: string, status: number, body: unknown): string[] {
  const { spec, ajv } = load();
  const key = `${method.toUpperCase()} ${template} ${status}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    if (!hasOperation(method, template)) {
      return [`${method.toUpperCase()} ${template} is not an operation of GitHub's REST API description`];
    }
    const schema = responseSchema(spec, method, template, status);
    // undefined: GitHub does not document this status here, so there is nothing to hold it to.
    if (schema === undefined) return [];
    validate = schema ? ajv.compile(toJsonSchema(rewriteRefs(schema)) as Json) : null;
    validators.set(key, validate);
  }
  if (validate === null) {
    return body === undefined || body === '' ? [] : [`GitHub answers ${status} without a body here`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 25)
    .map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
}
