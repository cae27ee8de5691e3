import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** One visit result recorded by a collector; its id is made on the phone, so retries are recognised. */
@Entity({ name: 'visit' })
@Index('ix_visit_batch', ['batchId'])
@Index('ix_visit_collector_visited', ['collectorId', 'visitedAt'])
@Index('ix_visit_assignment', ['assignmentId'])
@Index('ix_visit_branch_work_date', ['branchId', 'workDate'])
export class Visit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'batch_id', type: 'varchar', length: 36 })
  batchId: string;

  @Column({ name: 'assignment_id', type: 'varchar', length: 36 })
  assignmentId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'branch_id', type: 'varchar', length: 36 })
  branchId: string;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

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

  /** The visit as the phone sent it, canonical JSON: a replay is compared against it. */
  @Column({ name: 'content', type: 'text' })
  content: string;

  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;
}
