import type { BatchTotals, PhoneBatchSummary, Reconciliation, TotalsDifference } from '#libs/contract';

const TOTALS: (keyof BatchTotals)[] = ['visitCount', 'paidAmount', 'promisedAmount'];

/** Compares what the phone holds with what the server holds for the batch. */
export function reconcile(phone: PhoneBatchSummary, server: { totals: BatchTotals; visitIds: readonly string[] }): Reconciliation {
  const held = new Set(server.visitIds);
  const listed = new Set(phone.visitIds);
  const differences: TotalsDifference[] = TOTALS.filter((field) => phone[field] !== server.totals[field]).map((field) => ({
    field,
    phone: phone[field],
    server: server.totals[field],
  }));
  return {
    missingOnServer: phone.visitIds.filter((id) => !held.has(id)),
    unknownToPhone: server.visitIds.filter((id) => !listed.has(id)),
    differences,
  };
}

export function agrees(reconciliation: Reconciliation): boolean {
  return reconciliation.missingOnServer.length === 0 && reconciliation.unknownToPhone.length === 0 && reconciliation.differences.length === 0;
}
