import type { VisitInput } from '../support/field-visits.js';

/** A visit as the collector made it, and what became of it. */
export interface LedgerVisit {
  visit: VisitInput;
  /** The username of the collector who made it. */
  collector: string;
  /** The server answered `created` or `duplicate`: it holds the visit. */
  confirmed: boolean;
  /** The server refused it (`rejected` or `conflict`): the phone keeps it, the reconciliation reports it. */
  refusal?: string;
}

/** How the collector's last batch of the day ended, as the phone learnt it. */
export type BatchEnding = 'open' | 'closed' | 'closed-answer-lost';

/**
 * Everything one collector did in the day, kept outside the phone's own
 * storage: a reset wipes the phone, not the visits made nor the paper
 * receipt book. The reconciliation compares it with what the server holds.
 */
export class CollectorLedger {
  readonly visits = new Map<string, LedgerVisit>();
  /** sha256 of every photo taken, to the visit it proves. */
  readonly photos = new Map<string, string>();
  receiptsUsed = 0;
  resets = 0;
  batchEnding: BatchEnding = 'open';
  /** What a reset's reply said the server held, when it differed from what the phone had sent. */
  resetDiscrepancies: string[] = [];
  /** The work date of the collector's batches (YYYY-MM-DD), from the login reply. */
  workDate = '';
  /** The last session's token, to ask the server about the collector's batch afterwards. */
  token = '';

  constructor(readonly username: string) {}

  record(visit: VisitInput): void {
    this.visits.set(visit.id, { visit, collector: this.username, confirmed: false });
    for (const sha256 of visit.photos) this.photos.set(sha256, visit.id);
  }
}
