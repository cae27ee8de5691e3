import { Controller } from '@nestjs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { Handles } from '#libs/transport';
import { PhotoStorage } from '../photos/photo.storage.js';

@Controller()
export class SystemController {
  constructor(private readonly storage: PhotoStorage) {}

  /** Doubles as the readiness check: with its disk full, the media service cannot take photos and says so. */
  @Handles(SystemMessages.mediaStatus)
  async reportStatus(): Promise<StatusReply> {
    await this.storage.assertFreeSpace();
    return { ...describeProcess('media'), dependencies: [] };
  }
}
