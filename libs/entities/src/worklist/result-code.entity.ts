import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A visit outcome and what a visit with it must carry. */
@Entity({ name: 'result_code' })
export class ResultCode {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 80 })
  label: string;

  @Column({ name: 'requires_payment', type: 'boolean' })
  requiresPayment: boolean;

  @Column({ name: 'requires_promise', type: 'boolean' })
  requiresPromise: boolean;

  @Column({ name: 'requires_gps', type: 'boolean' })
  requiresGps: boolean;

  @Column({ name: 'min_photos', type: 'integer' })
  minPhotos: number;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder: number;
}
