import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A collector's LKH (Lembar Kerja Harian): the accounts to visit on one work
 * date. A later core load supersedes it rather than rewriting it, so a batch
 * opened on it keeps it; one LKH per collector and date is current.
 */
@Entity({ name: 'worklist' })
@Index('ux_worklist_current', ['collectorId', 'workDate'], { unique: true, where: 'superseded_at IS NULL' })
@Index('ix_worklist_core_load', ['coreLoadId'])
export class Worklist {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  /** YYYY-MM-DD in the branch's working time zone. */
  @Column({ type: 'varchar', length: 10 })
  workDate: string;

  @Column({ type: Date })
  createdAt: Date;

  /** The core load that made it; null for LKHs made before the core bridge. */
  @Column({ name: 'core_load_id', type: 'varchar', length: 64, nullable: true })
  coreLoadId: string | null;

  @Column({ name: 'superseded_at', type: Date, nullable: true })
  supersededAt: Date | null;

  /** A digest of its accounts, their order and amounts: a load that would make the same LKH again leaves this one current. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64, nullable: true })
  contentHash: string | null;
}
