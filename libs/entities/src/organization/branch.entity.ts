import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A collection branch office; collectors and supervisors belong to one. */
@Entity({ name: 'branch' })
export class Branch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: Date })
  createdAt: Date;
}
