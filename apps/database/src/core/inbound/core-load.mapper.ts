import type { CoreLoadView } from '#libs/contract';
import type { CoreLoad } from '#libs/entities';

export function toCoreLoadView(load: CoreLoad): CoreLoadView {
  return {
    id: load.id,
    kind: load.kind,
    workDate: load.workDate,
    status: load.status,
    declaredRows: load.declaredRows,
    contentHash: load.contentHash,
    acceptBadRows: load.acceptBadRows,
    rows: { collectors: load.collectorRows, accounts: load.accountRows, assignments: load.assignmentRows },
    badRows: load.badRows,
    worklistsChanged: load.worklistsChanged,
    duplicateOf: load.duplicateOf,
    message: load.message,
    createdAt: load.createdAt.toISOString(),
    appliedAt: load.appliedAt ? load.appliedAt.toISOString() : null,
  };
}
