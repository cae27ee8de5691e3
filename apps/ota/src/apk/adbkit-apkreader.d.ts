declare module '@devicefarmer/adbkit-apkreader' {
  export interface ApkManifest {
    package: string;
    versionCode: number;
    versionName: string;
    usesSdk: { minSdkVersion?: number; targetSdkVersion?: number; maxSdkVersion?: number };
  }

  export default class ApkReader {
    static open(apk: string | Buffer): Promise<ApkReader>;
    readManifest(): Promise<ApkManifest>;
    readContent(path: string): Promise<Buffer>;
  }
}
