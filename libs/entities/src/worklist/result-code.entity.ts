import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A visit outcome and what a visit with it must carry. */
@Entity({ name: 'result_code' })
export class ResultCode {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  label: string;

  @Column({ type: 'boolean' })
  requiresPayment: boolean;

  @Column({ type: 'boolean' })
  requiresPromise: boolean;

  @Column({ type: 'boolean' })
  requiresGps: boolean;

  @Column({ type: 'integer' })
  minPhotos: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'integer' })
  sortOrder: number;
}
