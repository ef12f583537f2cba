/**
 * Walking Leap's OpenAPI files for their examples: each one found in a component schema, a request or answer body or a
 * query parameter, paired with the zod schema we model for it, so that every example can be parsed by that schema.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type * as z from 'zod/mini';
import { GridErrorBody } from '../../src/core/schemas/grid-errors.js';

export type Node = Record<string, unknown>;
type Schema = z.ZodMiniType;

// Copies of Leap's published OpenAPI files, kept verbatim so the check runs from any clone.
const REFERENCE_DIR = new URL('../node/fixtures/openapi/', import.meta.url);
export function loadSpec(file: string): Node {
  const url = new URL(file, REFERENCE_DIR);
  if (!existsSync(url)) throw new Error(`Missing reference file ${url.pathname}`);
  return parseYaml(readFileSync(url, 'utf8')) as Node;
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(spec: Node, value: unknown): unknown {
  if (!isNode(value) || typeof value.$ref !== 'string') return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), spec);
  assert.ok(target !== undefined, `unresolvable $ref ${value.$ref}`);
  return resolve(spec, target);
}

function refName(value: unknown): string | undefined {
  return isNode(value) && typeof value.$ref === 'string' ? value.$ref.split('/').pop() : undefined;
}

/** Own and allOf-inherited properties of a component schema. */
function propertiesOf(spec: Node, schema: unknown): Record<string, Node> {
  const node = resolve(spec, schema);
  if (!isNode(node)) return {};
  const merged: Record<string, Node> = {};
  for (const part of Array.isArray(node.allOf) ? node.allOf : []) Object.assign(merged, propertiesOf(spec, part));
  if (isNode(node.properties)) Object.assign(merged, node.properties);
  return merged;
}

function shapeOf(schema: Schema): Record<string, Schema> | undefined {
  const shape = (schema as { shape?: unknown }).shape;
  return isNode(shape) ? (shape as Record<string, Schema>) : undefined;
}

export interface ExampleCase {
  name: string;
  schema: Schema;
  value: unknown;
}

export interface SpecModel {
  /** Component schema name -> our schema (fragments of an allOf map to the schema that holds their fields). */
  components: Record<string, Schema>;
  /** Component schemas with examples that we deliberately do not model, with the reason. */
  notModelled?: Record<string, string>;
  /** operationId -> schema of its query parameters. */
  queries?: Record<string, Schema>;
}

export function collectExamples(spec: Node, model: SpecModel): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const components = (
    isNode(spec.components) && isNode(spec.components.schemas) ? spec.components.schemas : {}
  ) as Node;

  for (const [name, raw] of Object.entries(components)) {
    const schema = model.components[name];
    const node = raw as Node;
    const props = propertiesOf(spec, node);
    const hasExamples = 'example' in node || Object.values(props).some((prop) => 'example' in prop);
    if (!schema) {
      if (hasExamples && !model.notModelled?.[name]) assert.fail(`component ${name} has examples but no schema mapped`);
      continue;
    }
    if ('example' in node) cases.push({ name: `schema ${name}`, schema, value: node.example });
    const shape = shapeOf(schema);
    for (const [prop, propNode] of Object.entries(isNode(node.properties) ? node.properties : {})) {
      if (!isNode(propNode) || !('example' in propNode) || !shape) continue;
      const field = shape[prop];
      assert.ok(field, `${name}.${prop} has an example but ${name}'s schema has no such field`);
      cases.push({ name: `schema ${name}.${prop}`, schema: field, value: propNode.example });
    }
  }

  const schemaFor = (content: Node, where: string): Schema | undefined => {
    const ref = refName(content.schema);
    if (ref) {
      const schema = model.components[ref];
      assert.ok(schema, `${where}: no schema mapped for ${ref}`);
      return schema;
    }
    const inline = resolve(spec, content.schema);
    if (isNode(inline) && inline.type === 'string') return GridErrorBody;
    assert.fail(`${where}: unexpected inline schema`);
  };
  const addContent = (content: Node, where: string) => {
    for (const [mediaType, raw] of Object.entries(content)) {
      const media = raw as Node;
      if (mediaType !== 'application/json') continue;
      const schema = schemaFor(media, `${where} ${mediaType}`);
      if (!schema) continue;
      if ('example' in media) cases.push({ name: `${where} example`, schema, value: media.example });
      for (const [key, example] of Object.entries(isNode(media.examples) ? media.examples : {})) {
        const resolved = resolve(spec, example) as Node;
        cases.push({ name: `${where} examples["${key}"]`, schema, value: resolved.value });
      }
    }
  };

  for (const [path, item] of Object.entries(spec.paths as Node)) {
    for (const [method, raw] of Object.entries(item as Node)) {
      const operation = raw as Node;
      const where = `${method.toUpperCase()} ${path}`;
      const body = resolve(spec, operation.requestBody);
      if (isNode(body) && isNode(body.content)) addContent(body.content, `${where} request`);
      for (const [status, response] of Object.entries(isNode(operation.responses) ? operation.responses : {})) {
        const resolved = resolve(spec, response);
        if (isNode(resolved) && isNode(resolved.content)) addContent(resolved.content, `${where} ${status}`);
      }
      const query = model.queries?.[String(operation.operationId)];
      for (const raw of Array.isArray(operation.parameters) ? operation.parameters : []) {
        const parameter = resolve(spec, raw) as Node;
        if (parameter.in !== 'query') continue;
        const schema = isNode(parameter.schema) ? parameter.schema : {};
        const example = 'example' in parameter ? parameter.example : schema.example;
        if (example === undefined) continue;
        const field = query && shapeOf(query)?.[String(parameter.name)];
        assert.ok(field, `${where}: query parameter ${String(parameter.name)} has an example but is not modelled`);
        cases.push({ name: `${where} query ${String(parameter.name)} example`, schema: field, value: example });
      }
    }
  }
  return cases;
}
