import { contentSecurityPolicy, tileSourceOf } from './content-security-policy.js';

describe('contentSecurityPolicy', () => {
  it('allows nothing from outside the origin when no tile server is configured', () => {
    const policy = contentSecurityPolicy(undefined);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("img-src 'self' blob:;");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
  });

  it("allows the tile server's images and nothing else of it", () => {
    const policy = contentSecurityPolicy('https://tiles.corp.example:8443/osm/{z}/{x}/{y}.png');
    expect(policy).toContain("img-src 'self' blob: https://tiles.corp.example:8443;");
    expect(policy).toContain("connect-src 'self';");
  });

  it.each([
    ['https://{s}.tile.example/{z}/{x}/{y}.png', 'https://*.tile.example'],
    ['HTTP://Tiles.example/{z}/{x}/{y}.png', 'http://Tiles.example'],
    ['https://tiles-{r}.example/{z}/{x}/{y}.png', 'https:'],
  ])('writes the source of %s as %s', (template, source) => {
    expect(tileSourceOf(template)).toBe(source);
  });
});
