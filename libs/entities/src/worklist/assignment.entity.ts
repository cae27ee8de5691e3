import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { asNumber } from '../column-transformers.js';

/** One account on one LKH, with what is due as of that day. */
@Entity({ name: 'assignment' })
@Index('ux_assignment_worklist_account', ['worklistId', 'accountId'], { unique: true })
export class Assignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  worklistId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'bigint', transformer: asNumber })
  amountDue: number;

  @Column({ type: 'integer' })
  overdueDays: number;
}
