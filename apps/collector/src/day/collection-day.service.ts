import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { BatchStore, WorklistStore, type Actor, type BatchView, type CollectionDayRecord, type SessionCheckRequest } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/** The caller's open batch, which every step of the collection day works on. */
@Injectable()
export class CollectionDayService {
  constructor(private readonly messages: MessageClient) {}

  /** The open batch with its LKH, result codes and receipt ranges; the database checks the session in the same read. */
  async requireOpenDay(session: SessionCheckRequest): Promise<CollectionDayRecord> {
    requireCollector(session);
    const day = await this.messages.send(WorklistStore.openDay, { session });
    if (!day) throw noOpenBatch();
    return day;
  }

  async requireOpenBatch(actor: Actor): Promise<BatchView> {
    const batch = await this.messages.send(BatchStore.findOpen, { collectorId: requireCollector(actor) });
    if (!batch) throw noOpenBatch();
    return batch;
  }
}

/** The collector's id; the gateway admits only collectors here, and the service checks again for any other caller of the message. */
export function requireCollector(caller: Pick<Actor, 'userId' | 'role'>): string {
  if (caller.role !== 'collector') throw ProblemError.forbidden('Only collectors have a collection day');
  return caller.userId;
}

/** After close batch or reset the phone must log in online again, which opens the next batch. */
function noOpenBatch(): ProblemError {
  return ProblemError.conflict('no-open-batch', 'No batch is open for this collector (closed or reset); log in again to open one');
}
