/** The signing certificate of an APK's v1 (JAR) signature. */
export interface ApkSigner {
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
  subject: string;
}

export type V1Signature = { valid: true; signer: ApkSigner } | { valid: false; reason: string };

/** What an APK says about itself, read from the file. */
export interface ApkFacts {
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdkVersion: number;
  targetSdkVersion: number | null;
  /** The v1 (JAR) signature, or null when the APK has none; Android 6.0 verifies only that one. */
  v1Signature: V1Signature | null;
}
