import { Injectable } from '@nestjs/common';
import ApkReader from '@devicefarmer/adbkit-apkreader';
import { makeProblem, ProblemError } from '#libs/common';
import type { ApkFacts, ApkSigner } from './apk-facts.js';
import { signerOfSignatureBlock } from './signing-certificate.js';
import { readZipEntries } from './zip-entries.js';

const MANIFEST = 'AndroidManifest.xml';
const JAR_MANIFEST = 'META-INF/MANIFEST.MF';
const SIGNATURE_FILE = /^META-INF\/([^/]+)\.SF$/;
const SIGNATURE_BLOCK = /^META-INF\/[^/]+\.(RSA|DSA|EC)$/;

/** Reads an APK's manifest and v1 signature from the file itself. */
@Injectable()
export class ApkInspector {
  async inspect(path: string): Promise<ApkFacts> {
    let entries: Map<string, Buffer | null>;
    try {
      entries = await readZipEntries(path, (name) => SIGNATURE_BLOCK.test(name));
    } catch (error) {
      throw invalidApk(`it is not a readable zip archive (${(error as Error).message})`);
    }
    if (!entries.has(MANIFEST)) throw invalidApk(`it has no ${MANIFEST}`);
    let manifest;
    try {
      manifest = await (await ApkReader.open(path)).readManifest();
    } catch (error) {
      throw invalidApk(`its ${MANIFEST} cannot be read (${(error as Error).message})`);
    }
    if (!manifest.package || !Number.isInteger(manifest.versionCode) || manifest.versionCode < 1) {
      throw invalidApk(`its ${MANIFEST} names no package or versionCode`);
    }
    return {
      packageName: manifest.package,
      versionCode: manifest.versionCode,
      versionName: String(manifest.versionName ?? manifest.versionCode),
      // Android treats a missing minSdkVersion as 1.
      minSdkVersion: manifest.usesSdk?.minSdkVersion ?? 1,
      targetSdkVersion: manifest.usesSdk?.targetSdkVersion ?? null,
      v1Signer: v1SignerOf(entries),
    };
  }
}

/** The v1 signer: a JAR manifest, a signature file and its signature block with a certificate. */
function v1SignerOf(entries: Map<string, Buffer | null>): ApkSigner | null {
  if (!entries.has(JAR_MANIFEST)) return null;
  for (const name of entries.keys()) {
    const signatureFile = SIGNATURE_FILE.exec(name);
    if (!signatureFile) continue;
    const block = ['RSA', 'DSA', 'EC'].map((kind) => entries.get(`META-INF/${signatureFile[1]}.${kind}`)).find(Boolean);
    if (!block) continue;
    try {
      return signerOfSignatureBlock(block);
    } catch (error) {
      throw invalidApk(`its signature block for ${name} cannot be read (${(error as Error).message})`);
    }
  }
  return null;
}

function invalidApk(reason: string): ProblemError {
  return new ProblemError(
    makeProblem(422, 'invalid-apk', `The file is not a valid APK: ${reason}`, { errors: [{ field: 'file', message: 'not a valid APK' }] }),
  );
}
