import $RefParser from '@apidevtools/json-schema-ref-parser';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/runtime';
import type { HttpReply } from './system-harness.js';

type Schema = Record<string, any>;

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  definition: Record<string, any>;
}

/** An answer of the API as a client saw it: what was asked, and what came back. */
export interface Exchange {
  method: string;
  url: string;
  reply: HttpReply;
}

/**
 * An OpenAPI 3.0 document as the server serves it, read as a client generated from it reads it: every status an
 * operation answers must be documented, and every JSON body must validate against the documented schema.
 * `nullable` means what OpenAPI 3.0.3 says: it adds null to the `type` beside it and nothing else, so a
 * `nullable` object made of `allOf: [$ref]` still refuses null (a Kotlin client generated from it crashes on one).
 */
export class ServedApiDocument {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<Schema, ValidateFunction>();

  private constructor(
    readonly document: Record<string, any>,
    readonly operations: Operation[],
  ) {
    addFormats.default(this.ajv);
    for (const format of ['binary', 'int32', 'int64', 'float', 'double', 'password']) this.ajv.addFormat(format, true);
  }

  /** Reads a served `/docs-json`: its references resolved, its schemas turned into the JSON Schema they mean. */
  static async of(served: object): Promise<ServedApiDocument> {
    const document: Record<string, any> = await $RefParser.dereference(structuredClone(served) as Record<string, any>);
    const seen = new Set<object>();
    for (const schema of schemasOf(document)) asJsonSchema(schema, seen);
    const operations = Object.entries<Record<string, any>>(document.paths).flatMap(([template, item]) =>
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, definition]) => ({ method: method.toUpperCase(), template, pattern: patternOf(template), definition })),
    );
    return new ServedApiDocument(document, operations);
  }

  /** The operation a request reaches: a literal path before a templated one. */
  operationOf(method: string, url: string): Operation | undefined {
    const { pathname } = new URL(url, 'http://served.invalid');
    const candidates = this.operations.filter((operation) => operation.method === method && operation.pattern.test(pathname));
    return candidates.find((operation) => !operation.template.includes('{')) ?? candidates[0];
  }

  /** Where the answer contradicts the document, one sentence each; empty when it agrees. */
  contradictionsOf({ method, url, reply }: Exchange): string[] {
    const operation = this.operationOf(method, url);
    const asked = `${method} ${new URL(url, 'http://served.invalid').pathname}`;
    if (!operation) return [`${asked}: no operation documents this path`];
    const response = operation.definition.responses?.[String(reply.status)] ?? operation.definition.responses?.default;
    if (!response) return [`${asked} answered ${reply.status}, which ${operation.method} ${operation.template} does not document`];
    if (reply.bytes.length === 0) return [];
    const mediaType = (reply.headers.get('content-type') ?? '').split(';')[0].trim();
    const content = response.content?.[mediaType];
    if (!content) {
      const documented = Object.keys(response.content ?? {}).join(', ') || 'no body';
      return [`${asked} answered ${reply.status} with ${mediaType || 'an untyped body'}, documented as ${documented}`];
    }
    if (!mediaType.endsWith('json')) return [];
    if (!content.schema) return [`${asked} answered ${reply.status} with ${mediaType}, documented without a schema`];
    const validate = this.validatorOf(content.schema);
    if (validate(reply.body)) return [];
    return (validate.errors ?? []).map((error) => `${asked} ${reply.status}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
  }

  private validatorOf(schema: Schema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    return validate;
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function patternOf(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** Every schema object of the document's responses, request bodies, parameters and components. */
function schemasOf(document: Record<string, any>): Schema[] {
  const schemas: Schema[] = Object.values(document.components?.schemas ?? {});
  for (const item of Object.values<Record<string, any>>(document.paths)) {
    for (const operation of Object.values<Record<string, any>>(item)) {
      if (typeof operation !== 'object' || operation === null) continue;
      for (const response of Object.values<Record<string, any>>(operation.responses ?? {})) {
        for (const media of Object.values<Record<string, any>>(response.content ?? {})) if (media.schema) schemas.push(media.schema);
      }
    }
  }
  return schemas;
}

/** Turns an OpenAPI 3.0 schema into the JSON Schema it means, in place: `nullable` adds null to its own `type`. */
function asJsonSchema(schema: Schema, seen: Set<object>): void {
  if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
  seen.add(schema);
  if (schema.nullable === true && typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  delete schema.nullable;
  for (const child of [
    ...Object.values<Schema>(schema.properties ?? {}),
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    schema.items,
    schema.not,
    schema.additionalProperties,
  ]) {
    if (child) asJsonSchema(child, seen);
  }
}

/** What Redocly's linter, with the rules of the workspace's `redocly.yaml`, finds wrong in a served document: one line each. */
export async function lintProblemsOf(served: object, name: string): Promise<string[]> {
  const config = await loadConfig({ configPath: join(workspaceRoot(), 'redocly.yaml') });
  const problems = await lintFromString({ source: JSON.stringify(served), absoluteRef: `${name}.json`, config });
  return problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '#'}: ${problem.message}`);
}
