import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../../column-transformers.js';

/** Money collected on a visit, with its receipt, as the core books it; written in the visit's own transaction. */
@Entity({ name: 'core_out_payment' })
export class CoreOutPayment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ name: 'receipt_no', type: 'varchar', length: 32 })
  receiptNo: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;

  @Column({ name: 'paid_at', type: Date })
  paidAt: Date;

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
