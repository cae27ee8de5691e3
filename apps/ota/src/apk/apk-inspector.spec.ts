import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { API_DEMOS, API_DEMOS_APK, resignedByAnotherKey, truncatedCopy, withMinSdk, withoutV1Signature } from '../../../../test/support/apk-fixtures.js';
import { problemOf } from '../../../../test/support/problems.js';
import { ApkInspector } from './apk-inspector.js';

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

  it('reads the v1 signing certificate, the same one the signature block carries', async () => {
    const facts = await inspector.inspect(API_DEMOS_APK);
    const block = new AdmZip(API_DEMOS_APK).readFile('META-INF/CERT.RSA')!;
    // The DER certificate sits inside the PKCS#7 block; its fingerprint must be found there.
    const fingerprint = facts.v1Signer!.sha256;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const candidates = [];
    for (let start = 0; start < block.length - 4; start += 1) {
      if (block[start] !== 0x30 || block[start + 1] !== 0x82) continue;
      const der = block.subarray(start, start + 4 + block.readUInt16BE(start + 2));
      try {
        candidates.push({ der, certificate: new X509Certificate(der) });
      } catch {
        // not a certificate at this offset
      }
    }
    const signer = candidates.find(({ der }) => createHash('sha256').update(der).digest('hex') === fingerprint);
    expect(signer).toBeDefined();
    expect(facts.v1Signer!.subject).toContain('CN=Android Debug');
    expect(signer!.certificate.subject).toContain('CN=Android Debug');
  });

  it('reads a raised minSdkVersion from a copy whose manifest was changed', async () => {
    const facts = await inspector.inspect(withMinSdk(join(folder, 'min-sdk-24.apk'), 24));
    expect(facts).toMatchObject({ ...API_DEMOS, minSdkVersion: 24 });
  });

  it('reads the certificate of another signer from a re-signed copy', async () => {
    const original = await inspector.inspect(API_DEMOS_APK);
    const resigned = await inspector.inspect(resignedByAnotherKey(join(folder, 'resigned.apk')));
    expect(resigned.versionCode).toBe(API_DEMOS.versionCode);
    expect(resigned.v1Signer!.subject).toBe('CN=Another Signer, O=Elsewhere');
    expect(resigned.v1Signer!.sha256).not.toBe(original.v1Signer!.sha256);
  });

  it('finds no v1 signature in a copy re-zipped without META-INF signature files', async () => {
    const facts = await inspector.inspect(withoutV1Signature(join(folder, 'unsigned.apk')));
    expect(facts.packageName).toBe(API_DEMOS.packageName);
    expect(facts.v1Signer).toBeNull();
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
