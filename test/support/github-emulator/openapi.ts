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

/** OpenAPI 3.0 in the terms ajv understands: `nullable` without a `type`, nullable enums, oneOf. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = toJsonSchema(value);
  // GitHub's description writes oneOf where the alternatives overlap (a 409 is "basic-error or
  // repository-rule-violation-error", and a plain error matches both): it means anyOf.
  if (Array.isArray(out.oneOf)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
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
    // Documented without a body. For an error that only means the description leaves its body
    // out: GitHub still sends { message, documentation_url }.
    if (status >= 400) {
      const message = (body as { message?: unknown } | undefined)?.message;
      return typeof message === 'string'
        ? []
        : [`GitHub answers ${status} with a JSON body that has a message`];
    }
    return body === undefined || body === '' ? [] : [`GitHub answers ${status} without a body here`];
  }
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 25)
    .map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
}

const requestValidators = new Map<string, ValidateFunction | null>();

function describeRequestError(
  error: { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string },
  body: unknown,
): string {
  if (error.keyword === 'required') return `"${String(error.params.missingProperty)}" wasn't supplied.`;
  const path = error.instancePath.split('/').filter(Boolean);
  let value: unknown = body;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  const where = path.length ? `'${path.map((key) => `properties/${key}`).join('/')}'` : "'body'";
  if (error.keyword === 'type')
    return `For ${where}, ${JSON.stringify(value)} is not ${String(error.params.type)}.`;
  if (error.keyword === 'enum') {
    return `For ${where}, ${JSON.stringify(value)} is not a member of ${JSON.stringify(error.params.allowedValues)}.`;
  }
  return `For ${where}, ${JSON.stringify(value)} ${error.message ?? 'is not valid'}.`;
}

/**
 * The problems GitHub would report with a request body (its 422 "Invalid request."), checked
 * against the operation's requestBody schema; [] when it is fine or there is nothing to check.
 */
export function validateRequest(method: string, template: string, body: unknown): string[] {
  if (body === undefined) return [];
  const { spec, ajv } = load();
  const key = `${method.toUpperCase()} ${template}`;
  let validate = requestValidators.get(key);
  if (validate === undefined) {
    const operation = spec.paths[template]?.[method.toLowerCase()];
    const content = (operation?.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)
      ?.content;
    const schema = content?.['application/json']?.schema;
    validate = schema ? ajv.compile(toJsonSchema(rewriteRefs(schema)) as Json) : null;
    requestValidators.set(key, validate);
  }
  if (!validate || validate(body)) return [];
  const errors = validate.errors ?? [];
  // oneOf/anyOf report every branch; the first concrete problem reads best.
  const concrete = errors.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  const messages = (concrete.length ? concrete : errors).map((error) => describeRequestError(error, body));
  return [...new Set(messages)].slice(0, 5);
}
