import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** One visit result recorded by a collector; its id is made on the phone, so retries are recognised. */
@Entity({ name: 'visit' })
@Index('ix_visit_batch', ['batchId'])
@Index('ix_visit_collector_visited', ['collectorId', 'visitedAt'])
@Index('ix_visit_branch_work_date', ['branchId', 'workDate'])
export class Visit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  batchId: string;

  @Column({ type: 'varchar', length: 36 })
  assignmentId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  @Column({ type: 'varchar', length: 10 })
  workDate: string;

  @Column({ type: 'varchar', length: 16 })
  resultCode: string;

  @Column({ type: Date })
  visitedAt: Date;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  latitude: number | null;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  longitude: number | null;

  @Column({ type: 'integer', nullable: true })
  accuracyM: number | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  /** The visit as the phone sent it, canonical JSON: a replay is compared against it. */
  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 64 })
  contentHash: string;

  @Column({ type: Date })
  receivedAt: Date;
}
