import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../../column-transformers.js';

/** A debtor's promise to pay, made on a visit; written in the visit's own transaction. */
@Entity({ name: 'core_out_promise' })
export class CoreOutPromise {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ name: 'promised_date', type: 'varchar', length: 10 })
  promisedDate: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

  @Column({ name: 'collector_username', type: 'varchar', length: 64 })
  collectorUsername: string;

  @Column({ name: 'branch_code', type: 'varchar', length: 16 })
  branchCode: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'acked_at', type: Date, nullable: true })
  ackedAt: Date | null;
}
