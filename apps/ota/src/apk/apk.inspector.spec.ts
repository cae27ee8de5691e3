import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import {
  API_DEMOS,
  API_DEMOS_APK,
  resignedByAnotherKey,
  truncatedCopy,
  withEntryChangedAfterSigning,
  withMinSdk,
  withoutV1Signature,
} from '../../../../test/support/apk-fixtures.js';
import { problemOf } from '../../../../test/support/problems.js';
import { ApkInspector } from './apk.inspector.js';

/** Every DER X.509 certificate found in a byte string, by trying each SEQUENCE with a two-byte length. */
function derCertificatesIn(bytes: Buffer): Buffer[] {
  const found: Buffer[] = [];
  for (let start = 0; start < bytes.length - 4; start += 1) {
    if (bytes[start] !== 0x30 || bytes[start + 1] !== 0x82) continue;
    const der = bytes.subarray(start, start + 4 + bytes.readUInt16BE(start + 2));
    try {
      new X509Certificate(der);
      found.push(der);
    } catch {
      // not a certificate at this offset
    }
  }
  return found;
}

describe('ApkInspector', () => {
  const inspector = new ApkInspector();
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'apk-inspector-'));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the manifest of a real APK', async () => {
    const facts = await inspector.inspect(API_DEMOS_APK);
    expect(facts).toMatchObject(API_DEMOS);
  });

  it('verifies the v1 signature and reads its certificate, the one the signature block carries', async () => {
    const facts = await inspector.inspect(API_DEMOS_APK);
    expect(facts.v1Signature).toEqual({
      valid: true,
      signer: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), subject: expect.stringContaining('CN=Android Debug') },
    });
    const { signer } = facts.v1Signature as { signer: { sha256: string } };
    const block = new AdmZip(API_DEMOS_APK).readFile('META-INF/CERT.RSA')!;
    const fingerprints = derCertificatesIn(block).map((der) => createHash('sha256').update(der).digest('hex'));
    expect(fingerprints).toContain(signer.sha256);
  });

  it('reads a raised minSdkVersion, and finds the changed manifest no longer matches the signature', async () => {
    const facts = await inspector.inspect(withMinSdk(join(folder, 'min-sdk-24.apk'), 24));
    expect(facts).toMatchObject({ ...API_DEMOS, minSdkVersion: 24 });
    expect(facts.v1Signature).toEqual({ valid: false, reason: 'the entry AndroidManifest.xml was changed after signing' });
  });

  it('verifies a copy signed again by another key, with signed attributes and SHA-256, and reads that signer', async () => {
    const original = await inspector.inspect(API_DEMOS_APK);
    const resigned = await inspector.inspect(resignedByAnotherKey(join(folder, 'resigned.apk')));
    expect(resigned.versionCode).toBe(API_DEMOS.versionCode);
    expect(resigned.v1Signature).toEqual({ valid: true, signer: { sha256: expect.any(String), subject: 'CN=Another Signer, O=Elsewhere' } });
    expect(resigned.v1Signature).not.toEqual(original.v1Signature);
  });

  it('finds a signature that no longer verifies when an entry was changed after signing', async () => {
    const facts = await inspector.inspect(withEntryChangedAfterSigning(join(folder, 'changed.apk')));
    expect(facts.v1Signature).toEqual({ valid: false, reason: 'the entry DebugProbesKt.bin was changed after signing' });
  });

  it('finds a signature block that does not sign the signature file beside it', async () => {
    const zip = new AdmZip(API_DEMOS_APK);
    zip.updateFile('META-INF/CERT.SF', Buffer.concat([zip.readFile('META-INF/CERT.SF')!, Buffer.from('\r\n')]));
    const path = join(folder, 'other-sf.apk');
    zip.writeZip(path);
    const facts = await inspector.inspect(path);
    expect(facts.v1Signature).toEqual({ valid: false, reason: 'the signature does not verify with its certificate' });
  });

  it('finds no v1 signature in a copy re-zipped without META-INF signature files', async () => {
    const facts = await inspector.inspect(withoutV1Signature(join(folder, 'unsigned.apk')));
    expect(facts.packageName).toBe(API_DEMOS.packageName);
    expect(facts.v1Signature).toBeNull();
  });

  it('refuses a truncated copy as not a valid APK', async () => {
    const error = await problemOf(inspector.inspect(truncatedCopy(join(folder, 'truncated.apk'))));
    expect(error.problem).toMatchObject({ status: 422, code: 'invalid-apk' });
    expect(error.problem.detail).toContain('not a readable zip archive');
  });

  it('refuses a zip without an Android manifest', async () => {
    const zip = new AdmZip();
    zip.addFile('hello.txt', Buffer.from('hello'));
    const path = join(folder, 'plain.zip');
    zip.writeZip(path);
    const error = await problemOf(inspector.inspect(path));
    expect(error.problem).toMatchObject({ status: 422, code: 'invalid-apk', detail: 'The file is not a valid APK: it has no AndroidManifest.xml' });
  });

  it('refuses a zip whose manifest is not binary XML', async () => {
    const zip = new AdmZip();
    zip.addFile('AndroidManifest.xml', Buffer.from('<manifest package="x.y"/>'));
    const path = join(folder, 'text-manifest.apk');
    zip.writeZip(path);
    const error = await problemOf(inspector.inspect(path));
    expect(error.problem.code).toBe('invalid-apk');
    expect(error.problem.detail).toContain('AndroidManifest.xml cannot be read');
  });

  it('refuses a file that is not a zip at all', async () => {
    const path = join(folder, 'photo.apk');
    writeFileSync(path, Buffer.alloc(4096, 0xff));
    const error = await problemOf(inspector.inspect(path));
    expect(error.problem.code).toBe('invalid-apk');
  });
});
