import { Controller } from '@nestjs/common';
import { SystemMessages, type StatusReply } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { Handles } from '#libs/transport';
import { StorageHealthService } from '../persistence/storage-health.service.js';
import { DatabaseStatusService } from './database-status.service.js';

@Controller()
export class SystemController {
  constructor(
    private readonly status: DatabaseStatusService,
    private readonly storage: StorageHealthService,
  ) {}

  /** Doubles as the readiness check: a database that cannot store what it is sent answers that problem instead. */
  @Handles(SystemMessages.databaseStatus)
  async reportStatus(): Promise<StatusReply> {
    await this.storage.assertWritable();
    const details = await this.status.details();
    return { ...describeProcess('database', { ...details }), dependencies: [] };
  }
}
