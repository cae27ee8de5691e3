import { createHash } from 'node:crypto';

/** What a collector's LKH shows of one assignment, as read back for its fingerprint. */
export interface LkhLine {
  visit_order: string | number;
  contract_no: string;
  debtor_name: string;
  address: string;
  phone: string;
  product: string | null;
  installment_amount: string | number;
  amount_due: string | number;
  overdue_days: string | number;
  outstanding: string | number;
}

/**
 * A digest of an LKH as the phone would see it: accounts, their order and
 * what core says is due, fed one line at a time in the LKH's order. Engines
 * return numbers as text or numbers, so each value is put in one form first.
 */
export class LkhFingerprint {
  private readonly hash = createHash('sha256');

  add(line: LkhLine): void {
    this.hash.update(
      JSON.stringify([
        Number(line.visit_order),
        line.contract_no,
        line.debtor_name,
        line.address,
        line.phone,
        line.product ?? '',
        Number(line.installment_amount),
        Number(line.amount_due),
        Number(line.overdue_days),
        Number(line.outstanding),
      ]),
    );
    this.hash.update('\n');
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
