import { Injectable, type OnModuleInit } from '@nestjs/common';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { assertFreeSpace, removeAbandonedFiles, syncToDisk, writeFileAtomically } from '#libs/common';
import { AppConfig } from '#libs/config';
import { PHOTO_VARIANTS, type PhotoSummary, type PhotoVariant } from '#libs/contract';

/** No photo takes an hour to write: a temporary file this old was left by a crash. */
const ABANDONED_WRITE_MS = 3600 * 1000;

export interface PhotoFiles {
  original: Buffer;
  summary: PhotoSummary;
}

/**
 * The photos on disk, under DATA_DIR/media:
 *
 *   photos/ab/<sha256>             the original, byte for byte
 *   photos/ab/<sha256>.thumb.jpg   its thumbnail, made when first asked for
 *   photos/ab/<sha256>.json        its summary, written last: a photo exists once this file does
 *   incoming/                      temporary files of writes in progress
 *
 * (`ab` is the first two hex digits of the hash, so no folder grows too large.)
 */
@Injectable()
export class PhotoStorage implements OnModuleInit {
  private readonly root: string;
  private readonly incoming: string;
  private readonly minFreeBytes: number;
  /** Folders this process has made or found: a photo's save skips making its folder again. */
  private readonly folders = new Set<string>();

  constructor(config: AppConfig) {
    this.root = join(config.dataDir, 'media');
    this.incoming = join(this.root, 'incoming');
    this.minFreeBytes = config.storageMinFreeBytes;
  }

  /**
   * Clears what writes cut short by a crash left behind; none of it was ever a
   * photo. Recent files stay: replicas sharing the volume may be writing them.
   */
  async onModuleInit(): Promise<void> {
    await mkdir(this.incoming, { recursive: true });
    await removeAbandonedFiles(this.incoming, ABANDONED_WRITE_MS);
    await mkdir(join(this.root, 'photos'), { recursive: true });
  }

  async summaryOf(sha256: string): Promise<PhotoSummary | null> {
    const json = await readIfPresent(this.pathOf(sha256, 'summary'));
    return json ? (JSON.parse(json.toString('utf8')) as PhotoSummary) : null;
  }

  contentOf(sha256: string, variant: PhotoVariant): Promise<Buffer | null> {
    return readIfPresent(this.pathOf(sha256, variant));
  }

  /** The photos' disk has room for more, or this throws the `storage-full` problem readiness reports. */
  assertFreeSpace(): Promise<void> {
    return assertFreeSpace(this.root, this.minFreeBytes, 'the photos');
  }

  /**
   * Writes the original, makes it durable, and only then the summary that
   * makes the photo exist. A failed save (a full disk) removes what it wrote:
   * no file of a photo that does not exist stays behind.
   */
  async save(files: PhotoFiles): Promise<void> {
    const { sha256 } = files.summary;
    const folder = this.folderOf(sha256);
    await this.makeFolder(folder);
    try {
      await writeFileAtomically(this.pathOf(sha256, 'original'), files.original, this.incoming);
      await syncToDisk(folder);
      await this.saveSummary(files.summary);
    } catch (error) {
      // The folder may be what failed (removed under the service): the next save makes it again.
      this.folders.delete(folder);
      await this.remove(sha256);
      throw error;
    }
  }

  private async makeFolder(folder: string): Promise<void> {
    if (this.folders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    this.folders.add(folder);
  }

  /** Keeps a thumbnail made from a stored original; it can always be made again, so a crash may lose it. */
  saveThumbnail(sha256: string, thumbnail: Buffer): Promise<void> {
    return writeFileAtomically(this.pathOf(sha256, 'thumb'), thumbnail, this.incoming);
  }

  /** The summary goes first, so the photo stops existing before its content does. */
  private async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256, 'summary'), { force: true });
    await Promise.all(PHOTO_VARIANTS.map((variant) => rm(this.pathOf(sha256, variant), { force: true })));
  }

  /** Replaces a photo's summary atomically; the original and thumbnail are never rewritten. */
  async saveSummary(summary: PhotoSummary): Promise<void> {
    await writeFileAtomically(this.pathOf(summary.sha256, 'summary'), JSON.stringify(summary), this.incoming);
    await syncToDisk(this.folderOf(summary.sha256));
  }

  private folderOf(sha256: string): string {
    return join(this.root, 'photos', sha256.slice(0, 2));
  }

  private pathOf(sha256: string, file: PhotoVariant | 'summary'): string {
    const base = join(this.folderOf(sha256), sha256);
    if (file === 'thumb') return `${base}.thumb.jpg`;
    if (file === 'summary') return `${base}.json`;
    return base;
  }
}

async function readIfPresent(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
