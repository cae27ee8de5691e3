import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { makeProblem, ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';
import { DEFAULT_CHANNEL, MIN_ANDROID_SDK, ReleaseStore, type ProblemCode, type ReleaseActor, type ReleaseRecord } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import type { ApkFacts, ApkSigner } from '../apk/apk-facts.js';
import { ApkInspector } from '../apk/apk.inspector.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { ReleaseFiles } from '../storage/release-files.js';

export interface PublishOptions {
  channel?: string;
  notes?: string;
  mandatory?: boolean;
  rolloutPercent?: number;
}

// Writing the catalogue row can wait behind other transactions; the file is already on disk.
const PUBLISH_TIMEOUT_MS = 30000;

/**
 * Publishes an uploaded APK: reads it, refuses what phones could not install,
 * keeps the file and records the release. A refused upload leaves nothing.
 */
@Injectable()
export class PublishingService {
  constructor(
    private readonly inspector: ApkInspector,
    private readonly files: ReleaseFiles,
    private readonly messages: MessageClient,
    private readonly catalogue: CatalogueService,
    private readonly config: AppConfig,
  ) {}

  /** `uploadPath` is a file in the incoming folder; it is moved or removed either way. */
  async publish(uploadPath: string, options: PublishOptions, actor: ReleaseActor): Promise<ReleaseRecord> {
    try {
      const apk = await this.inspector.inspect(uploadPath);
      const signer = this.assertInstallable(apk);
      const { sha256, size } = await this.files.digest(uploadPath);
      const id = randomUUID();
      const fileName = `${id}.apk`;
      await this.files.keep(uploadPath, fileName);
      const request = {
        id,
        channel: options.channel ?? DEFAULT_CHANNEL,
        packageName: apk.packageName,
        versionCode: apk.versionCode,
        versionName: apk.versionName,
        minSdkVersion: apk.minSdkVersion,
        targetSdkVersion: apk.targetSdkVersion,
        sha256,
        size,
        signerSha256: signer.sha256,
        signerSubject: signer.subject,
        notes: options.notes ?? null,
        mandatory: options.mandatory ?? false,
        rolloutPercent: options.rolloutPercent ?? 100,
        fileName,
        actor,
      };
      try {
        const release = await this.messages.send(ReleaseStore.publish, request, { timeoutMs: PUBLISH_TIMEOUT_MS });
        this.catalogue.invalidate();
        return release;
      } catch (error) {
        // A refusal, or a database whose disk is full, stored nothing; after a timeout the row may exist, so the file stays.
        if (error instanceof ProblemError && (error.problem.status < 500 || error.problem.code === 'storage-full')) {
          await this.files.discard(this.files.pathOf(fileName));
        }
        throw error;
      }
    } finally {
      await this.files.discard(uploadPath);
    }
  }

  private assertInstallable(apk: ApkFacts): ApkSigner {
    const expected = this.config.ota.packageName;
    if (apk.packageName !== expected) {
      throw refused('wrong-package', `The APK is the package ${apk.packageName}, not ${expected}`);
    }
    if (apk.minSdkVersion > MIN_ANDROID_SDK) {
      throw refused(
        'min-sdk-too-high',
        `The APK needs Android API ${apk.minSdkVersion} (minSdkVersion), so it cannot install on Android 6.0 (API ${MIN_ANDROID_SDK})`,
      );
    }
    if (!apk.v1Signature) {
      throw refused(
        'missing-v1-signature',
        `The APK has no v1 (JAR) signature in META-INF; Android 6.0 (API ${MIN_ANDROID_SDK}) verifies only that one and would refuse to install it`,
      );
    }
    if (!apk.v1Signature.valid) {
      throw refused('invalid-v1-signature', `The APK's v1 (JAR) signature does not verify: ${apk.v1Signature.reason}; Android would refuse to install it`);
    }
    return apk.v1Signature.signer;
  }
}

function refused(code: ProblemCode, detail: string): ProblemError {
  return new ProblemError(makeProblem(422, code, detail, { errors: [{ field: 'file', message: detail }] }));
}
