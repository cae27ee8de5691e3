import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { V1Signature } from './apk-facts.js';
import { digestsOf, parseJarManifest, type JarManifest } from './jar-manifest.js';
import { verifySignatureBlock } from './signing-certificate.js';
import { visitZipEntries } from './zip-entries.js';

export const JAR_MANIFEST = 'META-INF/MANIFEST.MF';
const SIGNATURE_FILE = /^META-INF\/([^/]+)\.SF$/;

/** The `META-INF` files a v1 signature is made of: read into memory, they are small. */
export const isSignatureEntry = (name: string) => /^META-INF\/[^/]+\.(MF|SF|RSA|DSA|EC)$/.test(name);

/**
 * Verifies an APK's v1 (JAR) signature as Android 6.0 does: the signature
 * block signs the signature file, which holds the digest of MANIFEST.MF,
 * which holds the digest of every entry outside META-INF. Null when the APK
 * has no v1 signature at all.
 */
export async function verifyV1Signature(path: string, signatureEntries: Map<string, Buffer | null>): Promise<V1Signature | null> {
  const manifest = signatureEntries.get(JAR_MANIFEST);
  const signatureFileName = [...signatureEntries.keys()].find((name) => SIGNATURE_FILE.test(name));
  if (!manifest || !signatureFileName) return null;
  const base = SIGNATURE_FILE.exec(signatureFileName)![1];
  const block = ['RSA', 'DSA', 'EC'].map((kind) => signatureEntries.get(`META-INF/${base}.${kind}`)).find(Boolean);
  if (!block) return null;
  const signatureFile = signatureEntries.get(signatureFileName)!;
  try {
    const signer = verifySignatureBlock(block, signatureFile);
    assertSignsManifest(signatureFile, manifest, signatureFileName);
    await assertEntriesMatch(path, parseJarManifest(manifest));
    return { valid: true, signer };
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
}

function assertSignsManifest(signatureFile: Buffer, manifest: Buffer, signatureFileName: string): void {
  const declared = digestsOf(parseJarManifest(signatureFile).main, '-Digest-Manifest');
  const matches = declared.some(({ algorithm, base64 }) => createHash(algorithm).update(manifest).digest('base64') === base64);
  if (!matches) throw new Error(`${signatureFileName} does not hold the digest of ${JAR_MANIFEST}`);
}

async function assertEntriesMatch(path: string, manifest: JarManifest): Promise<void> {
  await visitZipEntries(path, async (name, open) => {
    if (name.endsWith('/') || name.startsWith('META-INF/')) return;
    const [declared] = digestsOf(manifest.entries.get(name) ?? new Map<string, string>(), '-Digest');
    if (!declared) throw new Error(`the entry ${name} is not covered by the signature`);
    const hash = createHash(declared.algorithm);
    await pipeline(await open(), hash);
    if (hash.digest('base64') !== declared.base64) throw new Error(`the entry ${name} was changed after signing`);
  });
}
