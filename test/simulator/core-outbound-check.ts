import type { CollectorLedger } from './collector-ledger.js';
import { add, tally, type ReconciliationCheck, type ServerAuditor, type Tally } from './reconciliation.js';

export const CORE_OUTBOUND_CHECK = 'visits in the core outbound rows once';

/**
 * Every visit a phone holds is in the core's outbound visit rows exactly
 * once, and no row is of a visit no phone made: what the core books is what
 * the field did. It takes and acknowledges the rows as the core would, so it
 * belongs to a system the simulator started, not to one whose core reads them.
 */
export function coreOutboundCheck(): ReconciliationCheck {
  return {
    name: CORE_OUTBOUND_CHECK,
    async run(ledgers: CollectorLedger[], auditor: ServerAuditor): Promise<Tally> {
      const rowsOf = new Map<string, number>();
      for (const row of await auditor.takeOutbound('visits')) rowsOf.set(String(row.visit_id), (rowsOf.get(String(row.visit_id)) ?? 0) + 1);
      const result = tally();
      for (const ledger of ledgers) {
        for (const visitId of ledger.visits.keys()) {
          const rows = rowsOf.get(visitId) ?? 0;
          if (rows === 0) add(result, `${visitId}: no outbound row`);
          if (rows > 1) add(result, `${visitId}: ${rows} outbound rows`);
          rowsOf.delete(visitId);
        }
      }
      for (const visitId of rowsOf.keys()) add(result, `${visitId}: an outbound row of a visit no phone made`);
      return result;
    },
  };
}
