import AdmZip from 'adm-zip';
import forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A real APK shipped in an npm package: Appium's ApiDemos, debug-signed (v1 and v2), minSdkVersion 17. */
export const API_DEMOS_APK = join(createRequire(import.meta.url).resolve('android-apidemos/package.json'), '..', 'apks', 'ApiDemos-debug.apk');

export const API_DEMOS = {
  packageName: 'io.appium.android.apis',
  versionCode: 25,
  versionName: '5.0.0',
  minSdkVersion: 17,
  targetSdkVersion: 33,
} as const;

export { sha256Of } from './test-photos.js';

/** The first `fraction` of the APK: what an interrupted copy leaves. */
export function truncatedCopy(target: string, fraction = 0.5): string {
  const bytes = readFileSync(API_DEMOS_APK);
  writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return target;
}

/** The APK re-zipped without its JAR signature files (MANIFEST.MF, *.SF, *.RSA): no v1 signature. */
export function withoutV1Signature(target: string): string {
  const source = new AdmZip(API_DEMOS_APK);
  const copy = new AdmZip();
  for (const entry of source.getEntries()) {
    if (/^META-INF\/(MANIFEST\.MF|[^/]+\.(SF|RSA|DSA|EC))$/.test(entry.entryName)) continue;
    copy.addFile(entry.entryName, entry.getData());
  }
  copy.writeZip(target);
  return target;
}

/**
 * The APK with its v1 signature made again by another key and certificate
 * (`CN=Another Signer`): the same signed content (MANIFEST.MF and CERT.SF), a
 * new PKCS#7 signature block over CERT.SF. What a release signed with a lost
 * or different keystore looks like.
 */
export function resignedByAnotherKey(target: string): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = '0a1b2c3d';
  certificate.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  certificate.validity.notAfter = new Date('2056-01-01T00:00:00Z');
  const name = [
    { name: 'commonName', value: 'Another Signer' },
    { name: 'organizationName', value: 'Elsewhere' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(key, forge.md.sha256.create());

  const zip = new AdmZip(API_DEMOS_APK);
  const signatureFile = zip.readFile('META-INF/CERT.SF')!;
  const signedData = forge.pkcs7.createSignedData();
  signedData.content = forge.util.createBuffer(signatureFile.toString('binary'));
  signedData.addCertificate(certificate);
  signedData.addSigner({
    key,
    certificate,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      { type: forge.pki.oids.signingTime, value: new Date() as unknown as string },
    ],
  });
  signedData.sign({ detached: true });
  const block = Buffer.from(forge.asn1.toDer(signedData.toAsn1()).getBytes(), 'binary');
  zip.updateFile('META-INF/CERT.RSA', block);
  zip.writeZip(target);
  return target;
}

/**
 * The APK with minSdkVersion raised from 17 to `minSdk` in its binary
 * manifest (the one attribute typed as a decimal int with the value 17), so it
 * could not install on Android 6.0. Other entries are copied unchanged.
 */
export function withMinSdk(target: string, minSdk: number): string {
  const zip = new AdmZip(API_DEMOS_APK);
  const manifest = Buffer.from(zip.readFile('AndroidManifest.xml')!);
  // Res_value: size 8, res0 0, type TYPE_INT_DEC (0x10), then the value.
  const typedSeventeen = Buffer.from([0x08, 0x00, 0x00, 0x10, API_DEMOS.minSdkVersion, 0x00, 0x00, 0x00]);
  const at = manifest.indexOf(typedSeventeen);
  if (at < 0 || manifest.indexOf(typedSeventeen, at + 1) >= 0) throw new Error('expected exactly one int attribute of 17 in the manifest');
  manifest.writeUInt32LE(minSdk, at + 4);
  zip.updateFile('AndroidManifest.xml', manifest);
  zip.writeZip(target);
  return target;
}

/** The APK with one entry outside META-INF changed after signing, its signature files kept as they were. */
export function withEntryChangedAfterSigning(target: string, entryName = 'DebugProbesKt.bin'): string {
  const zip = new AdmZip(API_DEMOS_APK);
  zip.updateFile(entryName, Buffer.concat([zip.readFile(entryName)!, Buffer.from([0])]));
  zip.writeZip(target);
  return target;
}
