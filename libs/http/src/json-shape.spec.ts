import { describe, expect, it } from '@jest/globals';
import { jsonShapeBreach, type JsonShapeLimits } from './json-shape.js';

const LIMITS: JsonShapeLimits = { maxDepth: 32, maxMembers: 1000, maxValues: 50_000 };
const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const breach = (text: string, limits: Partial<JsonShapeLimits> = {}) => jsonShapeBreach(bytes(text), { ...LIMITS, ...limits });
const nested = (depth: number): string => '{"a":'.repeat(depth - 1) + '[1]' + '}'.repeat(depth - 1);
const members = (count: number): string => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])));

describe('jsonShapeBreach', () => {
  it('measures the depth of objects and arrays alike, up to the limit and one past it', () => {
    expect(breach(nested(32))).toBeUndefined();
    expect(breach(nested(33))).toBe('depth');
    expect(breach('[[[[]]]]', { maxDepth: 3 })).toBe('depth');
    expect(breach('[[[]],[[]],{"a":{}}]', { maxDepth: 3 })).toBeUndefined();
  });

  it('finds a batch of fifty visits four deep, within every limit', () => {
    const batch = JSON.stringify({ visits: Array.from({ length: 50 }, () => ({ location: { lat: 1, lng: 2 }, photos: ['ab', 'cd'] })) });
    expect(breach(batch)).toBeUndefined();
    expect(breach(batch, { maxDepth: 4 })).toBeUndefined();
    expect(breach(batch, { maxDepth: 3 })).toBe('depth');
  });

  it('counts the members of each object, not of its children or of arrays', () => {
    expect(breach(members(1000))).toBeUndefined();
    expect(breach(members(1001))).toBe('members');
    expect(breach(JSON.stringify({ a: JSON.parse(members(1001)) }))).toBe('members');
    expect(breach(JSON.stringify({ visitIds: Array.from({ length: 10_000 }, (_, i) => `id-${i}`), a: 1 }))).toBeUndefined();
    expect(breach(JSON.stringify(Array.from({ length: 40 }, () => JSON.parse(members(900)))))).toBeUndefined();
  });

  it('counts every value of the text', () => {
    expect(breach(JSON.stringify(Array.from({ length: 49_999 }, () => 1)))).toBeUndefined();
    expect(breach(JSON.stringify(Array.from({ length: 50_001 }, () => 1)))).toBe('values');
    expect(breach(JSON.stringify(Array.from({ length: 30_000 }, () => [])))).toBe('values');
  });

  it('ignores brackets, commas and quotes inside strings', () => {
    expect(breach(JSON.stringify({ note: '[[[[{{{{' }), { maxDepth: 1 })).toBeUndefined();
    expect(breach(JSON.stringify({ note: 'say \\"[[[[\\" and "{{{{"' }), { maxDepth: 1 })).toBeUndefined();
    expect(breach(JSON.stringify({ path: 'C:\\', deeper: [[[1]]] }), { maxDepth: 3 })).toBe('depth');
    expect(breach(JSON.stringify({ note: ','.repeat(5000) }), { maxMembers: 2, maxValues: 3 })).toBeUndefined();
  });

  it('is not fooled by multi-byte characters', () => {
    expect(breach(JSON.stringify({ name: 'Budi Śantoso 日本 💸 [' }), { maxDepth: 1 })).toBeUndefined();
    expect(breach(JSON.stringify({ name: '日本', a: { b: {} } }), { maxDepth: 2 })).toBe('depth');
  });
});
