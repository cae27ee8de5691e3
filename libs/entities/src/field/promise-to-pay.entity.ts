import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** A debtor's promise, made on a visit, to pay an amount by a date. */
@Entity({ name: 'promise_to_pay' })
@Index('ix_promise_to_pay_date', ['promisedDate'])
@Index('ix_promise_to_pay_branch_date', ['branchId', 'promisedDate'])
export class PromiseToPay {
  @PrimaryColumn({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36 })
  branchId: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'promised_date', type: 'varchar', length: 10 })
  promisedDate: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;
}
