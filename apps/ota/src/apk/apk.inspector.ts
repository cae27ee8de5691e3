import { Injectable } from '@nestjs/common';
import ApkReader from '@devicefarmer/adbkit-apkreader';
import { makeProblem, ProblemError } from '#libs/common';
import type { ApkFacts } from './apk-facts.js';
import { isSignatureEntry, verifyV1Signature } from './v1-signature.js';
import { readZipEntries } from './zip-entries.js';

const MANIFEST = 'AndroidManifest.xml';

/** Reads an APK's manifest from the file itself and verifies its v1 signature. */
@Injectable()
export class ApkInspector {
  async inspect(path: string): Promise<ApkFacts> {
    let entries: Map<string, Buffer | null>;
    try {
      entries = await readZipEntries(path, isSignatureEntry);
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
      v1Signature: await verifyV1Signature(path, entries),
    };
  }
}

function invalidApk(reason: string): ProblemError {
  return new ProblemError(
    makeProblem(422, 'invalid-apk', `The file is not a valid APK: ${reason}`, { errors: [{ field: 'file', message: 'not a valid APK' }] }),
  );
}
