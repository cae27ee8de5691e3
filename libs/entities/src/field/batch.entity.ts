import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BatchStatus = 'open' | 'closed';

/** A collector's working session from online login to close batch (or reset). */
@Entity({ name: 'batch' })
@Index('ix_batch_collector_status', ['collectorId', 'status'])
export class Batch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  deviceId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  worklistId: string | null;

  @Column({ type: 'varchar', length: 10 })
  workDate: string;

  @Column({ type: 'varchar', length: 16 })
  status: BatchStatus;

  @Column({ type: Date })
  openedAt: Date;

  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  /** Why it closed: `close` (reconciled) or `reset` (the phone wiped its data). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  closedBy: string | null;

  @Column({ type: Date, nullable: true })
  lastSyncAt: Date | null;
}
