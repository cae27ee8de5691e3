import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Where a core load stands. The core writes a load as `loading` (or any status
 * but `ready`) and sets `ready` once every row is in; the bridge then ends it
 * `applied`, `duplicate` (the content of an applied load again), `held` (too
 * many bad rows, waiting for an admin) or `failed`.
 */
export type CoreLoadStatus = 'loading' | 'ready' | 'applied' | 'duplicate' | 'held' | 'failed';

/** The header of one load the core supplies: the commit marker of its rows. */
@Entity({ name: 'core_load' })
@Index('ix_core_load_status', ['status'])
@Index('ix_core_load_content_hash', ['contentHash'])
export class CoreLoad {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ name: 'work_date', type: 'varchar', length: 10 })
  workDate: string;

  @Column({ name: 'declared_rows', type: 'integer' })
  declaredRows: number;

  @Column({ type: 'varchar', length: 16 })
  status: CoreLoadStatus;

  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ name: 'accept_bad_rows', type: 'boolean', default: false })
  acceptBadRows: boolean;

  @Column({ name: 'collector_rows', type: 'integer', nullable: true })
  collectorRows: number | null;

  @Column({ name: 'account_rows', type: 'integer', nullable: true })
  accountRows: number | null;

  @Column({ name: 'assignment_rows', type: 'integer', nullable: true })
  assignmentRows: number | null;

  @Column({ name: 'bad_rows', type: 'integer', nullable: true })
  badRows: number | null;

  @Column({ name: 'worklists_changed', type: 'integer', nullable: true })
  worklistsChanged: number | null;

  @Column({ name: 'duplicate_of', type: 'varchar', length: 64, nullable: true })
  duplicateOf: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  message: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'applied_at', type: Date, nullable: true })
  appliedAt: Date | null;
}
