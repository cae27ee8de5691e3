import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

/**
 * The inbound interface tables the core writes with plain SQL (a load header,
 * then its collector, account and assignment rows, then `ready` on the
 * header), the bridge's per-row errors, the employee code that names a
 * collector to the core, and LKHs that a later load supersedes instead of
 * rewriting, so a batch already open keeps the LKH it was opened on.
 */
export class CreateCoreInbound1765000000000 implements MigrationInterface {
  name = 'CreateCoreInbound1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new PortableColumns(runner);
    const loadRow = [c.text('load_id', 64), c.integer('row_no')];
    const primaryKey = (columns: ReturnType<typeof c.text>[]) => columns.map((column) => ({ ...column, isPrimary: true }));
    await runner.createTable(
      new Table({
        name: 'core_load',
        columns: [
          { ...c.text('id', 64), isPrimary: true },
          c.text('kind', 16),
          c.day('work_date'),
          c.integer('declared_rows'),
          c.text('status', 16),
          c.text('content_hash', 64, true),
          c.boolean('accept_bad_rows', false),
          c.integer('collector_rows', true),
          c.integer('account_rows', true),
          c.integer('assignment_rows', true),
          c.integer('bad_rows', true),
          c.integer('worklists_changed', true),
          c.text('duplicate_of', 64, true),
          c.text('message', 255, true),
          c.instant('created_at'),
          c.instant('applied_at', true),
        ],
      }),
    );
    await runner.createIndex('core_load', new TableIndex({ name: 'ix_core_load_status', columnNames: ['status'] }));
    await runner.createIndex('core_load', new TableIndex({ name: 'ix_core_load_content_hash', columnNames: ['content_hash'] }));
    await runner.createTable(
      new Table({
        name: 'core_collector_row',
        columns: [
          ...primaryKey(loadRow),
          c.text('employee_code', 32, true),
          c.text('full_name', 120, true),
          c.text('branch_code', 16, true),
          c.integer('active', true),
          c.text('password_hash', 255, true),
        ],
      }),
    );
    await runner.createIndex('core_collector_row', new TableIndex({ name: 'ix_core_collector_row_code', columnNames: ['load_id', 'employee_code', 'row_no'] }));
    await runner.createTable(
      new Table({
        name: 'core_account_row',
        columns: [
          ...primaryKey(loadRow),
          c.text('account_no', 32, true),
          c.text('debtor_name', 120, true),
          c.text('address', 255, true),
          c.text('phone', 32, true),
          c.text('product', 60, true),
          c.money('installment', true),
          c.money('outstanding', true),
          c.money('amount_due', true),
          c.integer('days_past_due', true),
          c.text('branch_code', 16, true),
          c.decimal('latitude', 9, 6, true),
          c.decimal('longitude', 9, 6, true),
        ],
      }),
    );
    await runner.createIndex('core_account_row', new TableIndex({ name: 'ix_core_account_row_account', columnNames: ['load_id', 'account_no', 'row_no'] }));
    await runner.createTable(
      new Table({
        name: 'core_assignment_row',
        columns: [
          ...primaryKey(loadRow),
          c.day('work_date', true),
          c.text('employee_code', 32, true),
          c.text('account_no', 32, true),
          c.integer('visit_order', true),
        ],
      }),
    );
    await runner.createIndex(
      'core_assignment_row',
      new TableIndex({ name: 'ix_core_assignment_row_collector', columnNames: ['load_id', 'employee_code', 'account_no', 'row_no'] }),
    );
    await runner.createTable(
      new Table({
        name: 'core_load_error',
        columns: [
          { ...c.text('load_id', 64), isPrimary: true },
          { ...c.text('table_name', 32), isPrimary: true },
          { ...c.integer('row_no'), isPrimary: true },
          { ...c.text('field', 32), isPrimary: true },
          c.text('code', 32),
          c.text('message', 255),
        ],
      }),
    );

    await runner.addColumn('app_user', new TableColumn(c.text('employee_code', 32, true)));
    await runner.createIndex(
      'app_user',
      new TableIndex({ name: 'ux_app_user_employee_code', columnNames: ['employee_code'], isUnique: true, where: 'employee_code IS NOT NULL' }),
    );
    await runner.addColumn('account', new TableColumn(c.text('product', 60, true)));
    await runner.addColumn('worklist', new TableColumn(c.text('core_load_id', 64, true)));
    await runner.addColumn('worklist', new TableColumn(c.instant('superseded_at', true)));
    await runner.addColumn('worklist', new TableColumn(c.text('content_hash', 64, true)));
    await runner.dropIndex('worklist', 'ux_worklist_collector_date');
    await runner.createIndex(
      'worklist',
      new TableIndex({ name: 'ux_worklist_current', columnNames: ['collector_id', 'work_date'], isUnique: true, where: 'superseded_at IS NULL' }),
    );
    await runner.createIndex('worklist', new TableIndex({ name: 'ix_worklist_core_load', columnNames: ['core_load_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('worklist', 'ix_worklist_core_load');
    await runner.dropIndex('worklist', 'ux_worklist_current');
    await runner.createIndex('worklist', new TableIndex({ name: 'ux_worklist_collector_date', columnNames: ['collector_id', 'work_date'], isUnique: true }));
    await runner.dropColumn('worklist', 'content_hash');
    await runner.dropColumn('worklist', 'superseded_at');
    await runner.dropColumn('worklist', 'core_load_id');
    await runner.dropColumn('account', 'product');
    await runner.dropIndex('app_user', 'ux_app_user_employee_code');
    await runner.dropColumn('app_user', 'employee_code');
    for (const name of ['core_load_error', 'core_assignment_row', 'core_account_row', 'core_collector_row', 'core_load']) await runner.dropTable(name);
  }
}
