import type { BatchView } from '#libs/contract';
import type { Batch } from '#libs/entities';

export function toBatchView(batch: Batch): BatchView {
  return {
    id: batch.id,
    workDate: batch.workDate,
    status: batch.status,
    openedAt: batch.openedAt.toISOString(),
    closedAt: batch.closedAt?.toISOString() ?? null,
  };
}
