/**
 * Leap's published OpenAPI files as a generic validator: the YAML dereferenced, its schemas compiled by Ajv (with
 * ajv-formats), and any answer, request or example checked against what the files say for that path, method and
 * status. Nothing here knows the mock or our own zod schemas: it reads only the files.
 *
 * OpenAPI 3.0 differs from JSON Schema in one place that matters here: `discriminator.mapping`, which picks the
 * schema by the value of one property. Ajv does not support `mapping`, so each such `oneOf` becomes the equivalent
 * `if`/`then` per mapped value.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS: its function is the default export under tsx, or that export's own `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

type Node = Record<string, unknown>;
/** A problem without its array indices, to compare where two values break the same rule. */
const shape = (problem: string) => problem.replace(/\/\d+(?=\/|\s)/g, '/*');

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

export const SPEC_FILES = [
  'leap-meters.openapi.yml',
  'leap-enrollments.openapi.yml',
  'leap-create-meters.openapi.yml',
  'leap-webhooks.openapi.yml',
] as const;

const SPEC_DIR = new URL('../node/fixtures/openapi/', import.meta.url);

export interface Operation {
  file: string;
  path: string;
  method: string;
  operationId: string;
  summary: string;
  description: string;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: Node; example?: unknown }>;
  requestBody?: {
    content: Record<string, { schema?: Node; example?: unknown; examples?: Record<string, { value: unknown }> }>;
  };
  responses: Record<
    string,
    { content?: Record<string, { schema?: Node; example?: unknown; examples?: Record<string, { value: unknown }> }> }
  >;
}

/** One example written in a file, where it sits, and the schema it is an example of. */
export interface SpecExample {
  file: string;
  /** A readable location, such as `components.schemas.Site.example` or `POST /v1.1/jobs/meters 400 example`. */
  where: string;
  value: unknown;
  schema: Node;
}

/** Replaces every local `$ref` by its target (shared, not copied) and rewrites `discriminator.mapping`. */
function dereference(doc: Node): Node {
  const done = new Map<string, unknown>();
  const target = (ref: string): unknown => {
    if (done.has(ref)) return done.get(ref);
    let node: unknown = doc;
    for (const part of ref.replace(/^#\//, '').split('/'))
      node = (node as Node)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    const holder: Node = {};
    done.set(ref, holder);
    Object.assign(holder, walk(node));
    return holder;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isNode(node)) return node;
    if (typeof node.$ref === 'string') return target(node.$ref);
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    const discriminator = out.discriminator;
    if (isNode(discriminator) && isNode(discriminator.mapping) && Array.isArray(out.oneOf)) {
      const property = String(discriminator.propertyName);
      const mapping = discriminator.mapping;
      delete out.oneOf;
      delete out.discriminator;
      out.required = [...new Set([...((out.required as string[]) ?? []), property])];
      out.properties = { ...(out.properties as Node), [property]: { enum: Object.keys(mapping) } };
      out.allOf = Object.keys(mapping).map((value) => ({
        if: { properties: { [property]: { const: value } }, required: [property] },
        then: target(String(mapping[value])),
      }));
    }
    return out;
  };
  const out = walk(doc) as Node;
  // Each component schema is the very object its `$ref`s point to, so an example is found once, under its name.
  const schemas = (out.components as Node | undefined)?.schemas;
  if (isNode(schemas)) for (const name of Object.keys(schemas)) schemas[name] = target(`#/components/schemas/${name}`);
  return out;
}

export class OpenApiContract {
  readonly operations: Operation[] = [];
  readonly examples: SpecExample[] = [];
  readonly #ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  readonly #compiled = new Map<Node, ValidateFunction>();
  readonly #components = new Map<string, { responses?: Operation['responses']; schemas?: Record<string, Node> }>();

  constructor(files: readonly string[] = SPEC_FILES) {
    addFormats(this.#ajv);
    for (const file of files) {
      const raw = parse(readFileSync(new URL(file, SPEC_DIR), 'utf8')) as Node;
      const doc = dereference(raw);
      this.#components.set(
        file,
        doc.components as { responses?: Operation['responses']; schemas?: Record<string, Node> },
      );
      for (const [path, item] of Object.entries(doc.paths as Node)) {
        for (const [method, operation] of Object.entries(item as Node)) {
          this.operations.push({
            file,
            path,
            method: method.toUpperCase(),
            ...(operation as Omit<Operation, 'file' | 'path' | 'method'>),
          });
        }
      }
      this.#collectExamples(file, doc);
    }
  }

  /** The operation a request goes to: the path template that matches, for that method. */
  operationFor(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0]!;
    const candidates = this.operations.filter(
      (operation) =>
        operation.method === method.toUpperCase() &&
        new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
    );
    // A literal path (`/v2/meters/search`) wins over a template that also fits it (`/v2/meters/{meter_id}`).
    return candidates.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
  }

  operation(operationId: string): Operation {
    const found = this.operations.find((operation) => operation.operationId === operationId);
    if (!found) throw new Error(`No operation ${operationId} in the files`);
    return found;
  }

  /** What is wrong with `value` for `schema`, as one line per problem; none when it is valid. */
  problems(schema: Node, value: unknown): string[] {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(schema);
      this.#compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`.trim());
  }

  /**
   * What is wrong with an answer for `method path`: its content type must be one documented for its status, and its
   * body valid for that schema. A status the operation does not document (a 404 for an unknown job, a 401 where only
   * 200 is listed) is held to the same file's shared response for that status, or to its `ErrorResponse`, and
   * reported as `undocumented` so the caller can compare it with the list in docs/mock.md.
   */
  checkAnswer(
    method: string,
    path: string,
    status: number,
    contentType: string | null,
    body: unknown,
  ): { operationId: string; undocumented: boolean; problems: string[]; followedExample: string[] } {
    const operation = this.operationFor(method, path);
    if (!operation) {
      return {
        operationId: '',
        undocumented: true,
        followedExample: [],
        problems: [`${method} ${path}: not an operation of the files`],
      };
    }
    const where = `${operation.operationId} ${status}`;
    const type = (contentType ?? '').split(';')[0]!.trim();
    const documented = operation.responses[String(status)];
    let media = documented?.content?.[type];
    if (!documented) {
      const shared = this.#components.get(operation.file)?.responses?.[String(status)];
      const errorSchema = this.#components.get(operation.file)?.schemas?.ErrorResponse;
      media =
        shared?.content?.[type] ?? (type === 'application/json' && errorSchema ? { schema: errorSchema } : undefined);
    }
    const result = { operationId: operation.operationId, undocumented: !documented, followedExample: [] as string[] };
    if (!media) return { ...result, problems: [`${where}: content type "${type}" not documented`] };
    if (!media.schema) return { ...result, problems: [] };
    const problems = this.problems(media.schema, body);
    // Where the file contradicts itself, its example wins: a deviation its own example for this status shows too
    // (same place, same rule) is followed, not reported.
    const shown = new Set(
      [media.example, ...Object.values(media.examples ?? {}).map((example) => example.value)]
        .filter((example) => example !== undefined)
        .flatMap((example) => this.problems(media.schema!, example).map(shape)),
    );
    return {
      ...result,
      followedExample: problems.filter((problem) => shown.has(shape(problem))).map((problem) => `${where}: ${problem}`),
      problems: problems.filter((problem) => !shown.has(shape(problem))).map((problem) => `${where}: ${problem}`),
    };
  }

  /** A component schema of one file, dereferenced. */
  component(file: string, name: string): Node {
    const schema = this.#components.get(file)?.schemas?.[name];
    if (!schema) throw new Error(`No schema ${name} in ${file}`);
    return schema;
  }

  /** The request body schema of an operation (JSON). */
  requestSchema(operationId: string): Node {
    const schema = this.operation(operationId).requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${operationId} has no JSON request body`);
    return schema;
  }

  #collectExamples(file: string, doc: Node): void {
    const add = (where: string, value: unknown, schema: unknown) => {
      if (isNode(schema)) this.examples.push({ file, where, value, schema });
    };
    // Every `example` written on a schema, at any depth of components.schemas, each named by the component it is in.
    const components = Object.entries(((doc.components as Node).schemas ?? {}) as Node);
    const named = new Set<unknown>(components.map(([, schema]) => schema));
    const seen = new Set<unknown>();
    const walkSchema = (schema: unknown, where: string, top = false) => {
      if (!isNode(schema) || seen.has(schema) || (named.has(schema) && !top)) return;
      seen.add(schema);
      if ('example' in schema && schema.example !== null) add(`${where}.example`, schema.example, schema);
      for (const key of ['properties', 'items', 'allOf', 'oneOf', 'anyOf', 'additionalProperties']) {
        const child = schema[key];
        if (Array.isArray(child)) child.forEach((item, index) => walkSchema(item, `${where}.${key}[${index}]`));
        else if (key === 'properties' && isNode(child)) {
          for (const [name, property] of Object.entries(child)) walkSchema(property, `${where}.properties.${name}`);
        } else walkSchema(child, `${where}.${key}`);
      }
    };
    for (const [name, schema] of components) walkSchema(schema, `components.schemas.${name}`, true);
    // Examples of requests, responses and parameters, operation by operation.
    for (const operation of this.operations.filter((o) => o.file === file)) {
      const at = `${operation.method} ${operation.path}`;
      const media = (content: Operation['responses'][string]['content'], where: string) => {
        for (const [type, entry] of Object.entries(content ?? {})) {
          if (!type.includes('json')) continue;
          if ('example' in entry) add(`${where} example`, entry.example, entry.schema);
          for (const [name, example] of Object.entries(entry.examples ?? {})) {
            add(`${where} examples["${name}"]`, example.value, entry.schema);
          }
        }
      };
      media(operation.requestBody?.content, `${at} request`);
      for (const [status, response] of Object.entries(operation.responses)) media(response.content, `${at} ${status}`);
      for (const parameter of operation.parameters ?? []) {
        const example = parameter.example ?? parameter.schema?.example;
        if (example !== undefined) add(`${at} ${parameter.in} ${parameter.name} example`, example, parameter.schema);
      }
    }
  }
}
