import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** Money collected on a visit, with the receipt printed for it. A receipt number is used once, ever. */
@Entity({ name: 'payment' })
export class Payment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  visitId: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  receiptNo: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: Date })
  paidAt: Date;
}
