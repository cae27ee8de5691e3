/** A JAR manifest (`MANIFEST.MF`) or signature file (`*.SF`): main attributes and one section per entry. */
export interface JarManifest {
  main: Map<string, string>;
  entries: Map<string, Map<string, string>>;
}

/** Parses the `Name: value` lines of a JAR manifest; a line starting with a space continues the one before. */
export function parseJarManifest(content: Buffer): JarManifest {
  const lines = content.toString('utf8').split(/\r\n|\n|\r/);
  const sections: Map<string, string>[] = [new Map<string, string>()];
  let last: { section: Map<string, string>; name: string } | undefined;
  for (const line of lines) {
    if (line === '') {
      if (sections.at(-1)!.size > 0) sections.push(new Map());
      last = undefined;
      continue;
    }
    const section = sections.at(-1)!;
    if (line.startsWith(' ') && last) {
      last.section.set(last.name, last.section.get(last.name)! + line.slice(1));
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon <= 0) throw new Error(`malformed manifest line "${line.slice(0, 40)}"`);
    const name = line.slice(0, colon);
    section.set(name, line.slice(colon + 2));
    last = { section, name };
  }
  const [main, ...rest] = sections.filter((section, index) => index === 0 || section.size > 0);
  const entries = new Map<string, Map<string, string>>();
  for (const section of rest) {
    const entryName = section.get('Name');
    if (entryName !== undefined) entries.set(entryName, section);
  }
  return { main, entries };
}

const DIGEST_NAMES: Record<string, string> = { SHA1: 'sha1', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/**
 * The digests a manifest section declares with attributes named
 * `<algorithm><suffix>` (`SHA-256-Digest`, `SHA1-Digest-Manifest`), as Node
 * hash names with their base64 values.
 */
export function digestsOf(attributes: Map<string, string>, suffix: string): { algorithm: string; base64: string }[] {
  return [...attributes]
    .filter(([name]) => name.endsWith(suffix) && DIGEST_NAMES[name.slice(0, -suffix.length)])
    .map(([name, base64]) => ({ algorithm: DIGEST_NAMES[name.slice(0, -suffix.length)], base64 }));
}
