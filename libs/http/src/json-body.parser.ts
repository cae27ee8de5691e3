import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { jsonShapeBreach, type JsonShapeBreach, type JsonShapeLimits } from './json-shape.js';

/**
 * What a JSON body may hold before anything walks it. The deepest body of the
 * API is a batch of visits, four levels down (`{visits: [{location: {...}}]}`);
 * a depth of 32 leaves room to grow while keeping the recursive walkers after
 * the parser (class-transformer, class-validator) thousands of frames from the
 * end of the stack, which a few thousand levels overflow. class-transformer's
 * time also grows faster than the members of one object (20,000 take 0.4 s,
 * 120,000 take 25 s) and with every value (100,000 take 0.2 s); the widest
 * bodies of the API are a visit (about 20 members) and a close of batch (up to
 * 10,000 visit ids).
 */
const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxMembers: 1000, maxValues: 50_000 };

/** body-parser's error `type` of each refusal (the problem filter maps it to a code) and its message. */
const REFUSALS: Record<JsonShapeBreach, { type: string; message: string }> = {
  depth: { type: 'entity.too.deep', message: `The request body is JSON nested deeper than ${JSON_SHAPE_LIMITS.maxDepth} levels` },
  members: { type: 'entity.too.wide', message: `The request body is a JSON object with more than ${JSON_SHAPE_LIMITS.maxMembers} members` },
  values: { type: 'entity.too.wide', message: `The request body is JSON with more than ${JSON_SHAPE_LIMITS.maxValues} values` },
};

/** A refusal in body-parser's own shape (`status`, `type`), which the problem filter renders. */
class BodyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks the raw bytes before `JSON.parse` builds anything from them: a body
 * beyond the shape limits is refused with 400, and JSON in another charset
 * than UTF-8 (which RFC 8259 requires between systems, and which the shape
 * scan reads) with 415.
 */
function refuseUnsafeJson(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if (!['utf-8', 'utf8'].includes(encoding.toLowerCase())) {
    throw new BodyRefusal(415, 'charset.unsupported', 'JSON must be sent in UTF-8');
  }
  const breach = jsonShapeBreach(body, JSON_SHAPE_LIMITS);
  if (breach) throw new BodyRefusal(400, REFUSALS[breach].type, REFUSALS[breach].message);
}

/**
 * Parses JSON bodies of at most `limit` (`'2mb'`, `'100kb'`), after refusing
 * what is too costly to walk. Registered before Nest's own JSON parser, which
 * then stands aside (Nest's `useBodyParser` reserves `verify`).
 */
export function useJsonBodyParser(app: NestExpressApplication, limit: string): void {
  app.use(json({ limit, verify: refuseUnsafeJson }));
}
