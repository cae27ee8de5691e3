import { describe, expect, it } from '@jest/globals';
import { heldEntityTags } from './entity-tag.js';

describe('If-None-Match', () => {
  it('names the tag alone, in a list, weak as strong, or * for any', () => {
    expect(heldEntityTags('"abc"')).toEqual(['"abc"']);
    expect(heldEntityTags('"old", "abc"')).toEqual(['"old"', '"abc"']);
    expect(heldEntityTags('W/"abc"')).toEqual(['"abc"']);
    expect(heldEntityTags(' * ')).toEqual(['*']);
  });

  it('names no tag for an unquoted value or no header', () => {
    expect(heldEntityTags('abc')).toEqual([]);
    expect(heldEntityTags('abc, "def"')).toEqual(['"def"']);
    expect(heldEntityTags(undefined)).toEqual([]);
    expect(heldEntityTags('')).toEqual([]);
  });
});
