import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A collector's LKH (Lembar Kerja Harian): the accounts to visit on one work date. */
@Entity({ name: 'worklist' })
@Index('ux_worklist_collector_date', ['collectorId', 'workDate'], { unique: true })
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
}
