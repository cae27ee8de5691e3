/**
 * The entity tags an `If-None-Match` header names, weak ones as their strong
 * twins (RFC 9110 compares weakly for this header); `*` stands for any tag.
 * Unquoted values are no tags and are left out.
 */
export function heldEntityTags(header: string | undefined): string[] {
  if (!header) return [];
  if (header.trim() === '*') return ['*'];
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .filter((tag) => /^"[^"]*"$/.test(tag));
}
