/** A strong entity tag for a token. */
export function strongEtag(token: string): string {
  return `"${token}"`;
}

/** Whether an `If-None-Match` header names the entity tag (weak comparison, as RFC 9110 says for this header). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
