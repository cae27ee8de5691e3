import { Injectable, type OnModuleInit } from '@nestjs/common';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertFreeSpace, writeFileAtomically } from '#libs/common';
import { AppConfig } from '#libs/config';
import type { LogoSummary } from '#libs/contract';

interface StoredLogo {
  summary: LogoSummary;
  contentBase64: string;
}

/**
 * The company logo on disk: one file, DATA_DIR/media/branding/logo.json,
 * holding the summary and the bytes together, so a new logo replaces the old
 * one in a single atomic rename and the two never disagree.
 */
@Injectable()
export class LogoStorage implements OnModuleInit {
  private readonly folder: string;
  private readonly minFreeBytes: number;

  constructor(config: AppConfig) {
    this.folder = join(config.dataDir, 'media', 'branding');
    this.minFreeBytes = config.storageMinFreeBytes;
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
  }

  async read(): Promise<StoredLogo | null> {
    try {
      return JSON.parse(await readFile(join(this.folder, 'logo.json'), 'utf8')) as StoredLogo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(summary: LogoSummary, content: Buffer): Promise<void> {
    await assertFreeSpace(this.folder, this.minFreeBytes, 'the photos');
    await writeFileAtomically(join(this.folder, 'logo.json'), JSON.stringify({ summary, contentBase64: content.toString('base64') }), this.folder);
  }
}
