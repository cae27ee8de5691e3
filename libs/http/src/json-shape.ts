const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export interface JsonShapeLimits {
  /** Objects and arrays inside one another. */
  maxDepth: number;
  /** Members of one object. */
  maxMembers: number;
  /** Values in the whole text, roughly: every element, member and container counts. */
  maxValues: number;
}

export type JsonShapeBreach = 'depth' | 'members' | 'values';

/** Where the string opened at `opening` closes (a quote after an even run of backslashes), or -1. */
function closingQuote(bytes: Uint8Array, opening: number): number {
  let quote = bytes.indexOf(QUOTE, opening + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return -1;
}

/**
 * Which limit UTF-8 JSON text breaks, found in one pass over its bytes without
 * parsing them (strings are skipped with `indexOf`), or undefined. Brackets
 * and commas inside strings do not count; in UTF-8 no byte of a multi-byte
 * character can be mistaken for a quote, a backslash, a comma or a bracket.
 * Malformed text is left to the parser.
 */
export function jsonShapeBreach(bytes: Uint8Array, limits: JsonShapeLimits): JsonShapeBreach | undefined {
  // Commas seen in each open container, and whether it is an object; index 0 is the top level.
  const commas = new Uint32Array(limits.maxDepth + 1);
  const isObject = new Uint8Array(limits.maxDepth + 1);
  let depth = 0;
  let values = 1;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (byte === QUOTE) {
      index = closingQuote(bytes, index);
      if (index === -1) return undefined;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (depth === limits.maxDepth) return 'depth';
      depth += 1;
      commas[depth] = 0;
      isObject[depth] = byte === OPEN_BRACE ? 1 : 0;
      values += 1;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth = Math.max(depth - 1, 0);
    } else if (byte === COMMA) {
      commas[depth] += 1;
      values += 1;
      if (isObject[depth] === 1 && commas[depth] >= limits.maxMembers) return 'members';
      if (values > limits.maxValues) return 'values';
    }
  }
  return undefined;
}
