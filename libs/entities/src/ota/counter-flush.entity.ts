import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A batch of release counts already added, so that the ota app's retry of it adds nothing. */
@Entity({ name: 'ota_counter_flush' })
@Index('ix_ota_counter_flush_applied', ['appliedAt'])
export class CounterFlush {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: Date })
  appliedAt: Date;
}
