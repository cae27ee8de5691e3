import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ReceiptRangeRecord, ReceiptRangeView, SessionCheckRequest, WorklistView } from '#libs/contract';
import { CollectionDayService } from '../day/collection-day.service.js';

@Injectable()
export class WorklistService {
  constructor(private readonly day: CollectionDayService) {}

  /** Today's LKH of the open batch. Its sync token is a hash of everything else in it, so it changes when anything does. */
  async worklistOf(session: SessionCheckRequest): Promise<WorklistView> {
    const day = await this.day.requireOpenDay(session);
    const content = {
      workDate: day.batch.workDate,
      batch: day.batch,
      assignments: day.assignments.map(({ accountId: _accountId, ...assignment }) => assignment),
      resultCodes: day.resultCodes.filter((code) => code.active).map(({ active: _active, ...code }) => code),
      receiptRange: activeRange(day.receiptRanges),
    };
    const syncToken = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
    return { ...content, syncToken };
  }
}

function activeRange(ranges: ReceiptRangeRecord[]): ReceiptRangeView | null {
  const active = ranges.find((range) => range.active);
  return active ? { prefix: active.prefix, from: active.from, to: active.to } : null;
}
