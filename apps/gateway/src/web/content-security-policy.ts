/**
 * The web page's Content-Security-Policy: scripts, styles and calls from the
 * gateway's own origin only (no inline script, nothing from outside), images
 * also from blob: (photos fetched with the token) and from the map's tile
 * server when one is configured.
 */
export function contentSecurityPolicy(mapTileUrl: string | undefined): string {
  const tileSource = mapTileUrl ? tileSourceOf(mapTileUrl) : null;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob:${tileSource ? ` ${tileSource}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The scheme and host of a tile URL template; Leaflet's `{s}` subdomains become a wildcard. */
export function tileSourceOf(template: string): string {
  const [, scheme, host] = /^(https?):\/\/([^/?#]+)/i.exec(template) ?? [];
  if (!scheme || !host) return '';
  const hostSource = host.replace('{s}', '*');
  // Any other placeholder in the host cannot be written as a source: allow the scheme.
  return hostSource.includes('{') ? `${scheme.toLowerCase()}:` : `${scheme.toLowerCase()}://${hostSource}`;
}
