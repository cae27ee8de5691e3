import { describe, expect, it } from '@jest/globals';
import { matchesIfNoneMatch, strongEtag } from './entity-tag.js';

describe('If-None-Match', () => {
  const etag = strongEtag('abc');

  it('matches the tag alone, in a list, weak or as *', () => {
    expect(etag).toBe('"abc"');
    expect(matchesIfNoneMatch('"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"old", "abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
  });

  it('does not match another tag, an unquoted one, or no header', () => {
    expect(matchesIfNoneMatch('"abd"', etag)).toBe(false);
    expect(matchesIfNoneMatch('abc', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
    expect(matchesIfNoneMatch('', etag)).toBe(false);
  });
});
