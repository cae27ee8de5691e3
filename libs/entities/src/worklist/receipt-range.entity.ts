import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Receipt numbers a collector may print offline: `prefix` + a number from `fromNo` to `toNo`. */
@Entity({ name: 'receipt_range' })
@Index('ix_receipt_range_collector', ['collectorId'])
export class ReceiptRange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  prefix: string;

  @Column({ type: 'integer' })
  fromNo: number;

  @Column({ type: 'integer' })
  toNo: number;

  @Column({ type: 'boolean' })
  active: boolean;
}
