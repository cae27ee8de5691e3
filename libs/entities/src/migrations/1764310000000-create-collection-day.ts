import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

function foreignKey(columns: string[], table: string, referenced: string[] = ['id']): TableForeignKey {
  return new TableForeignKey({ columnNames: columns, referencedTableName: table, referencedColumnNames: referenced, onDelete: 'NO ACTION' });
}

/** Branches, users, devices, accounts, LKHs, result codes, receipt ranges, batches, visits, payments, promises. */
export class CreateCollectionDay1764310000000 implements MigrationInterface {
  name = 'CreateCollectionDay1764310000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new PortableColumns(runner);
    const tables: { table: Table; indices?: TableIndex[] }[] = [
      {
        table: new Table({
          name: 'branch',
          columns: [c.id(), { ...c.text('code', 16), isUnique: true }, c.text('name', 120), c.instant('created_at')],
        }),
      },
      {
        table: new Table({
          name: 'app_user',
          columns: [
            c.id(),
            { ...c.text('username', 64), isUnique: true },
            c.text('full_name', 120),
            c.text('password_hash', 255),
            c.text('role', 16),
            c.uuid('branch_id', true),
            c.boolean('active', true),
            c.instant('created_at'),
            c.instant('updated_at'),
          ],
          foreignKeys: [foreignKey(['branch_id'], 'branch')],
        }),
        indices: [new TableIndex({ name: 'ix_app_user_branch', columnNames: ['branch_id'] })],
      },
      {
        table: new Table({
          name: 'device',
          columns: [
            c.id(),
            c.uuid('user_id'),
            c.text('device_key', 128),
            c.text('model', 120, true),
            c.integer('android_sdk'),
            c.integer('app_version_code'),
            c.text('status', 16),
            c.instant('bound_at'),
            c.instant('last_seen_at'),
            c.instant('ended_at', true),
          ],
          foreignKeys: [foreignKey(['user_id'], 'app_user')],
        }),
        indices: [new TableIndex({ name: 'ix_device_user_status', columnNames: ['user_id', 'status'] })],
      },
      {
        table: new Table({
          name: 'account',
          columns: [
            c.id(),
            { ...c.text('contract_no', 32), isUnique: true },
            c.uuid('branch_id'),
            c.text('debtor_name', 120),
            c.text('address', 255),
            c.text('phone', 32),
            c.decimal('latitude', 9, 6, true),
            c.decimal('longitude', 9, 6, true),
            c.money('installment_amount'),
            c.money('amount_due'),
            c.integer('overdue_days'),
            c.money('outstanding'),
            c.instant('updated_at'),
          ],
          foreignKeys: [foreignKey(['branch_id'], 'branch')],
        }),
        indices: [new TableIndex({ name: 'ix_account_branch', columnNames: ['branch_id'] })],
      },
      {
        table: new Table({
          name: 'worklist',
          columns: [c.id(), c.uuid('collector_id'), c.uuid('branch_id'), c.day('work_date'), c.instant('created_at')],
          foreignKeys: [foreignKey(['collector_id'], 'app_user'), foreignKey(['branch_id'], 'branch')],
        }),
        indices: [new TableIndex({ name: 'ux_worklist_collector_date', columnNames: ['collector_id', 'work_date'], isUnique: true })],
      },
      {
        table: new Table({
          name: 'assignment',
          columns: [
            c.id(),
            c.uuid('worklist_id'),
            c.uuid('account_id'),
            c.uuid('collector_id'),
            c.integer('sequence'),
            c.money('amount_due'),
            c.integer('overdue_days'),
          ],
          foreignKeys: [foreignKey(['worklist_id'], 'worklist'), foreignKey(['account_id'], 'account')],
        }),
        indices: [
          new TableIndex({ name: 'ux_assignment_worklist_account', columnNames: ['worklist_id', 'account_id'], isUnique: true }),
          new TableIndex({ name: 'ix_assignment_collector', columnNames: ['collector_id'] }),
        ],
      },
      {
        table: new Table({
          name: 'result_code',
          columns: [
            { ...c.text('code', 16), isPrimary: true },
            c.text('label', 80),
            c.boolean('requires_payment', false),
            c.boolean('requires_promise', false),
            c.boolean('requires_gps', true),
            c.integer('min_photos'),
            c.boolean('active', true),
            c.integer('sort_order'),
          ],
        }),
      },
      {
        table: new Table({
          name: 'receipt_range',
          columns: [
            c.id(),
            c.uuid('collector_id'),
            { ...c.text('prefix', 16), isUnique: true },
            c.integer('from_no'),
            c.integer('to_no'),
            c.boolean('active', true),
          ],
          foreignKeys: [foreignKey(['collector_id'], 'app_user')],
        }),
        indices: [new TableIndex({ name: 'ix_receipt_range_collector', columnNames: ['collector_id'] })],
      },
      {
        table: new Table({
          name: 'batch',
          columns: [
            c.id(),
            c.uuid('collector_id'),
            c.uuid('device_id'),
            c.uuid('worklist_id', true),
            c.day('work_date'),
            c.text('status', 16),
            c.instant('opened_at'),
            c.instant('closed_at', true),
            c.text('closed_by', 16, true),
            c.instant('last_sync_at', true),
          ],
          foreignKeys: [foreignKey(['collector_id'], 'app_user'), foreignKey(['device_id'], 'device'), foreignKey(['worklist_id'], 'worklist')],
        }),
        indices: [new TableIndex({ name: 'ix_batch_collector_status', columnNames: ['collector_id', 'status'] })],
      },
      {
        table: new Table({
          name: 'visit',
          columns: [
            c.id(),
            c.uuid('batch_id'),
            c.uuid('assignment_id'),
            c.uuid('account_id'),
            c.uuid('collector_id'),
            c.uuid('branch_id'),
            c.day('work_date'),
            c.text('result_code', 16),
            c.instant('visited_at'),
            c.decimal('latitude', 9, 6, true),
            c.decimal('longitude', 9, 6, true),
            c.integer('accuracy_m', true),
            c.text('notes', 1000, true),
            c.longText('content', false),
            c.text('content_hash', 64),
            c.instant('received_at'),
          ],
          foreignKeys: [foreignKey(['batch_id'], 'batch'), foreignKey(['assignment_id'], 'assignment'), foreignKey(['result_code'], 'result_code', ['code'])],
        }),
        indices: [
          new TableIndex({ name: 'ix_visit_batch', columnNames: ['batch_id'] }),
          new TableIndex({ name: 'ix_visit_collector_visited', columnNames: ['collector_id', 'visited_at'] }),
          new TableIndex({ name: 'ix_visit_assignment', columnNames: ['assignment_id'] }),
        ],
      },
      {
        table: new Table({
          name: 'visit_photo',
          columns: [{ ...c.uuid('visit_id'), isPrimary: true }, { ...c.text('sha256', 64), isPrimary: true }, c.integer('position')],
          foreignKeys: [foreignKey(['visit_id'], 'visit')],
        }),
        indices: [new TableIndex({ name: 'ix_visit_photo_sha256', columnNames: ['sha256'] })],
      },
      {
        table: new Table({
          name: 'payment',
          columns: [
            { ...c.uuid('visit_id'), isPrimary: true },
            { ...c.text('receipt_no', 32), isUnique: true },
            c.money('amount'),
            c.uuid('collector_id'),
            c.uuid('account_id'),
            c.instant('paid_at'),
          ],
          foreignKeys: [foreignKey(['visit_id'], 'visit')],
        }),
      },
      {
        table: new Table({
          name: 'promise_to_pay',
          columns: [
            { ...c.uuid('visit_id'), isPrimary: true },
            c.uuid('account_id'),
            c.uuid('collector_id'),
            c.uuid('branch_id'),
            c.day('promised_date'),
            c.money('amount'),
          ],
          foreignKeys: [foreignKey(['visit_id'], 'visit')],
        }),
        indices: [new TableIndex({ name: 'ix_promise_to_pay_date', columnNames: ['promised_date'] })],
      },
    ];
    for (const { table, indices } of tables) {
      await runner.createTable(table, false, true, true);
      for (const index of indices ?? []) await runner.createIndex(table.name, index);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [
      'promise_to_pay',
      'payment',
      'visit_photo',
      'visit',
      'batch',
      'receipt_range',
      'result_code',
      'assignment',
      'worklist',
      'account',
      'device',
      'app_user',
      'branch',
    ]) {
      await runner.dropTable(name);
    }
  }
}
