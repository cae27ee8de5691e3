import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BatchStatus = 'open' | 'closed';

/** A collector's working session from online login to close batch (or reset). */
@Entity({ name: 'batch' })
@Index('ix_batch_collector_status', ['collectorId', 'status'])
export class Batch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'device_id', type: 'varchar', length: 36 })
  deviceId: string;

  @Column({ name: 'worklist_id', type: 'varchar', length: 36, nullable: true })
  worklistId: string | null;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

  @Column({ type: 'varchar', length: 16 })
  status: BatchStatus;

  @Column({ name: 'opened_at', type: Date })
  openedAt: Date;

  @Column({ name: 'closed_at', type: Date, nullable: true })
  closedAt: Date | null;

  /** Why it closed: `close` (reconciled) or `reset` (the phone wiped its data). */
  @Column({ name: 'closed_by', type: 'varchar', length: 16, nullable: true })
  closedBy: string | null;

  @Column({ name: 'last_sync_at', type: Date, nullable: true })
  lastSyncAt: Date | null;
}
