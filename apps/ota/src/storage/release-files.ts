import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { removeAbandonedFiles, syncToDisk } from '#libs/common';
import { AppConfig } from '#libs/config';

/** Large reads: 1 MiB chunks keep hashing and downloads close to disk and loopback speed. */
export const READ_CHUNK_BYTES = 1024 * 1024;

const ABANDONED_UPLOAD_MS = 3600 * 1000;

/**
 * The APK files under DATA_DIR/ota: uploads land in `incoming/`, published
 * releases live in `releases/`. A release file is made durable (fsync) before
 * it is renamed into place, so a crash leaves either the whole file or none.
 */
@Injectable()
export class ReleaseFiles implements OnModuleInit {
  readonly incomingDir: string;
  private readonly releasesDir: string;

  constructor(config: AppConfig) {
    this.incomingDir = join(config.dataDir, 'ota', 'incoming');
    this.releasesDir = join(config.dataDir, 'ota', 'releases');
  }

  /** Uploads left by a crash were never published: nothing refers to them. Recent ones may be in progress. */
  async onModuleInit(): Promise<void> {
    await mkdir(this.releasesDir, { recursive: true });
    await mkdir(this.incomingDir, { recursive: true });
    await removeAbandonedFiles(this.incomingDir, ABANDONED_UPLOAD_MS);
  }

  /** A new, unique path in the incoming folder. */
  newUploadPath(): string {
    return join(this.incomingDir, `${randomUUID()}.upload`);
  }

  pathOf(fileName: string): string {
    return join(this.releasesDir, fileName);
  }

  async digest(path: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
      }
    });
    return { sha256: hash.digest('hex'), size };
  }

  /** Moves an upload into the release storage under `fileName`, durably. */
  async keep(uploadPath: string, fileName: string): Promise<void> {
    await syncToDisk(uploadPath);
    await rename(uploadPath, this.pathOf(fileName));
    await syncToDisk(this.releasesDir);
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
