import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** A loan contract with overdue installments, as core hands it to staging. Money in whole rupiah. */
@Entity({ name: 'account' })
@Index('ix_account_branch', ['branchId'])
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  contractNo: string;

  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  @Column({ type: 'varchar', length: 120 })
  debtorName: string;

  @Column({ type: 'varchar', length: 255 })
  address: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  latitude: number | null;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: asNumber })
  longitude: number | null;

  @Column({ type: 'bigint', transformer: asNumber })
  installmentAmount: number;

  @Column({ type: 'bigint', transformer: asNumber })
  amountDue: number;

  @Column({ type: 'integer' })
  overdueDays: number;

  @Column({ type: 'bigint', transformer: asNumber })
  outstanding: number;

  @Column({ type: Date })
  updatedAt: Date;
}
