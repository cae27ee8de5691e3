import { createHash } from 'node:crypto';
import type { BatchView, ReceiptRangeRecord, ReceiptRangeView, WorklistView } from '#libs/contract';
import type { DayOffer } from './collection-day.reads.js';

export interface RenderedWorklist {
  etag: string;
  body: string;
}

/**
 * The LKH as the phone gets it: no account ids, only active result codes, the
 * active receipt range. Its sync token is a hash of everything else in it, so
 * it changes when anything does; the strong ETag is the quoted token.
 */
export function renderWorklist(batch: BatchView, offer: DayOffer): RenderedWorklist {
  const content = {
    workDate: batch.workDate,
    batch,
    assignments: offer.assignments.map(({ accountId: _accountId, ...assignment }) => assignment),
    resultCodes: offer.resultCodes.filter((code) => code.active).map(({ active: _active, ...code }) => code),
    receiptRange: activeRange(offer.receiptRanges),
  };
  const syncToken = createHash('sha256').update(JSON.stringify(content)).digest('base64url');
  const view: WorklistView = { ...content, syncToken };
  return { etag: `"${syncToken}"`, body: JSON.stringify(view) };
}

function activeRange(ranges: ReceiptRangeRecord[]): ReceiptRangeView | null {
  const active = ranges.find((range) => range.active);
  return active ? { prefix: active.prefix, from: active.from, to: active.to } : null;
}
