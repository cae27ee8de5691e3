import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../../column-transformers.js';

/** A stored visit as the core reads it; written in the visit's own transaction. */
@Entity({ name: 'core_out_visit' })
export class CoreOutVisit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'collector_username', type: 'varchar', length: 64 })
  collectorUsername: string;

  @Column({ name: 'branch_code', type: 'varchar', length: 16 })
  branchCode: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ name: 'result_code', type: 'varchar', length: 16 })
  resultCode: string;

  @Column({ name: 'visited_at', type: Date })
  visitedAt: Date;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  latitude: number | null;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  longitude: number | null;

  @Column({ name: 'accuracy_m', type: 'integer', nullable: true })
  accuracyM: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  @Column({ name: 'photo_count', type: 'integer' })
  photoCount: number;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'acked_at', type: Date, nullable: true })
  ackedAt: Date | null;
}
