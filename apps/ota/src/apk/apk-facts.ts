/** The signing certificate of an APK's v1 (JAR) signature. */
export interface ApkSigner {
  /** SHA-256 of the DER certificate, lower-case hex. */
  sha256: string;
  subject: string;
}

/** What an APK says about itself, read from the file. */
export interface ApkFacts {
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdkVersion: number;
  targetSdkVersion: number | null;
  /** The v1 signer, or null when the APK has no v1 JAR signature (Android 6.0 verifies only that one). */
  v1Signer: ApkSigner | null;
}
