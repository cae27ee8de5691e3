import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** A debtor's promise, made on a visit, to pay an amount by a date. */
@Entity({ name: 'promise_to_pay' })
@Index('ix_promise_to_pay_date', ['promisedDate'])
@Index('ix_promise_to_pay_branch_date', ['branchId', 'promisedDate'])
export class PromiseToPay {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  visitId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  promisedDate: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;
}
