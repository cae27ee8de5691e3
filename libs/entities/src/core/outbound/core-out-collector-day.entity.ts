import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../../column-transformers.js';

/** A collector's closed day (batch) with its totals; written in the close's own transaction. */
@Entity({ name: 'core_out_collector_day' })
export class CoreOutCollectorDay {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36, unique: true })
  batchId: string;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'collector_username', type: 'varchar', length: 64 })
  collectorUsername: string;

  @Column({ name: 'branch_code', type: 'varchar', length: 16 })
  branchCode: string;

  @Column({ name: 'opened_at', type: Date })
  openedAt: Date;

  @Column({ name: 'closed_at', type: Date })
  closedAt: Date;

  /** `close` when the phone closed the day, `reset` when its data was wiped and the day ended there. */
  @Column({ name: 'closed_by', type: 'varchar', length: 16 })
  closedBy: string;

  @Column({ name: 'assigned_accounts', type: 'integer' })
  assignedAccounts: number;

  @Column({ name: 'visit_count', type: 'integer' })
  visitCount: number;

  @Column({ name: 'visited_accounts', type: 'integer' })
  visitedAccounts: number;

  @Column({ name: 'payment_count', type: 'integer' })
  paymentCount: number;

  @Column({ name: 'payment_amount', type: 'bigint', transformer: asNumber })
  paymentAmount: number;

  @Column({ name: 'promise_count', type: 'integer' })
  promiseCount: number;

  @Column({ name: 'promise_amount', type: 'bigint', transformer: asNumber })
  promiseAmount: number;

  @Column({ name: 'photo_count', type: 'integer' })
  photoCount: number;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'acked_at', type: Date, nullable: true })
  ackedAt: Date | null;
}
