import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

const OUTBOUND_TABLES = ['core_out_visit', 'core_out_payment', 'core_out_promise', 'core_out_photo', 'core_out_collector_day'];

/**
 * The outbound interface tables the core reads and acknowledges. Each row has
 * a stable id and an `acked_at` flag: the core takes the rows not yet
 * acknowledged, whatever order their transactions committed in, so no cursor
 * can step past a row a slow transaction committed late.
 */
export class CreateCoreOutbound1765100000000 implements MigrationInterface {
  name = 'CreateCoreOutbound1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new PortableColumns(runner);
    const delivery = (): TableColumnOptions[] => [c.instant('created_at'), c.instant('acked_at', true)];
    const tables: { name: string; columns: TableColumnOptions[]; unique: string[] }[] = [
      {
        name: 'core_out_visit',
        columns: [
          c.id(),
          c.uuid('visit_id'),
          c.uuid('batch_id'),
          c.day('work_date'),
          c.uuid('collector_id'),
          c.text('collector_username', 64),
          c.text('branch_code', 16),
          c.text('account_no', 32),
          c.text('result_code', 16),
          c.instant('visited_at'),
          c.decimal('latitude', 9, 6, true),
          c.decimal('longitude', 9, 6, true),
          c.integer('accuracy_m', true),
          c.text('notes', 1000, true),
          c.integer('photo_count'),
          c.instant('received_at'),
          ...delivery(),
        ],
        unique: ['visit_id'],
      },
      {
        name: 'core_out_payment',
        columns: [
          c.id(),
          c.uuid('visit_id'),
          c.text('receipt_no', 32),
          c.money('amount'),
          c.instant('paid_at'),
          c.day('work_date'),
          c.text('collector_username', 64),
          c.text('branch_code', 16),
          c.text('account_no', 32),
          ...delivery(),
        ],
        unique: ['visit_id'],
      },
      {
        name: 'core_out_promise',
        columns: [
          c.id(),
          c.uuid('visit_id'),
          c.day('promised_date'),
          c.money('amount'),
          c.day('work_date'),
          c.text('collector_username', 64),
          c.text('branch_code', 16),
          c.text('account_no', 32),
          ...delivery(),
        ],
        unique: ['visit_id'],
      },
      {
        name: 'core_out_photo',
        columns: [
          c.id(),
          c.uuid('visit_id'),
          c.text('sha256', 64),
          c.integer('position'),
          c.text('url', 120),
          c.text('uploaded_by', 64),
          c.text('account_no', 32),
          ...delivery(),
        ],
        unique: ['visit_id', 'sha256'],
      },
      {
        name: 'core_out_collector_day',
        columns: [
          c.id(),
          c.uuid('batch_id'),
          c.day('work_date'),
          c.uuid('collector_id'),
          c.text('collector_username', 64),
          c.text('branch_code', 16),
          c.instant('opened_at'),
          c.instant('closed_at'),
          c.text('closed_by', 16),
          c.integer('assigned_accounts'),
          c.integer('visit_count'),
          c.integer('visited_accounts'),
          c.integer('payment_count'),
          c.money('payment_amount'),
          c.integer('promise_count'),
          c.money('promise_amount'),
          c.integer('photo_count'),
          ...delivery(),
        ],
        unique: ['batch_id'],
      },
    ];
    for (const { name, columns, unique } of tables) {
      await runner.createTable(new Table({ name, columns }), false, true, true);
      await runner.createIndex(name, new TableIndex({ name: `ux_${name}_${unique.join('_')}`, columnNames: unique, isUnique: true }));
      // Only rows still to deliver are indexed: the core's read stays as fast on the millionth day as on the first.
      await runner.createIndex(name, new TableIndex({ name: `ix_${name}_pending`, columnNames: ['created_at', 'id'], where: 'acked_at IS NULL' }));
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [...OUTBOUND_TABLES].reverse()) await runner.dropTable(name);
  }
}
