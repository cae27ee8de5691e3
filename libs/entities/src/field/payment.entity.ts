import { Column, Entity, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** Money collected on a visit, with the receipt printed for it. A receipt number is used once, ever. */
@Entity({ name: 'payment' })
export class Payment {
  @PrimaryColumn({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ name: 'receipt_no', type: 'varchar', length: 32, unique: true })
  receiptNo: string;

  @Column({ type: 'bigint', transformer: asNumber })
  amount: number;

  @Column({ name: 'collector_id', type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'paid_at', type: Date })
  paidAt: Date;
}
