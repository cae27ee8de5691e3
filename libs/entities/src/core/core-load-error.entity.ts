import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Why one row of a core load was not applied. Messages name the rule, never the row's personal data. */
@Entity({ name: 'core_load_error' })
export class CoreLoadError {
  @PrimaryColumn({ name: 'load_id', type: 'varchar', length: 64 })
  loadId: string;

  @PrimaryColumn({ name: 'table_name', type: 'varchar', length: 32 })
  tableName: string;

  @PrimaryColumn({ name: 'row_no', type: 'integer' })
  rowNo: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  field: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 255 })
  message: string;
}
