import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * Serves the app's OpenAPI document at /docs (explorer) and /docs-json, built from its decorators. Clients are
 * generated from it (the Android app's Kotlin client among them), so it states what the server really answers.
 */
export function publishOpenApi(app: INestApplication, info: { title: string; description: string }): void {
  const document = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion('1')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => truthful(SwaggerModule.createDocument(app, document)));
}

/** What the decorators cannot say by themselves, made true of every operation and schema. */
function truthful(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as unknown[]) {
      // An operation with no bearer requirement is public: saying so outright keeps the document from
      // implying some default a client generator might guess.
      if (typeof operation === 'object' && operation !== null && 'responses' in operation) (operation as { security?: unknown[] }).security ??= [];
    }
  }
  nullableReferences(document);
  return document;
}

/** Only null: the alternative that makes a referenced object nullable (3.0 has no null type; `nullable` needs a `type`). */
const NULL_ONLY = { type: 'object', nullable: true, enum: [null] };

/**
 * Nest writes a nullable property of a DTO type as `nullable` beside `allOf: [$ref]`, which OpenAPI 3.0.3 says
 * never admits null (`nullable` widens only the `type` beside it). Each becomes `oneOf` the object or null.
 */
function nullableReferences(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(nullableReferences);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  const [reference, ...others] = Array.isArray(schema.allOf) ? (schema.allOf as Record<string, unknown>[]) : [];
  if (schema.nullable === true && reference?.$ref && others.length === 0) {
    delete schema.allOf;
    delete schema.nullable;
    delete schema.type;
    schema.oneOf = [reference, NULL_ONLY];
  }
  for (const value of Object.values(schema)) nullableReferences(value);
}
