import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

export class CreateAuditTrail1764300000000 implements MigrationInterface {
  name = 'CreateAuditTrail1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    const column = new PortableColumns(runner);
    await runner.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          column.serialId(),
          column.instant('occurred_at'),
          column.uuid('actor_id', true),
          column.text('action', 64),
          column.text('subject_type', 64),
          column.text('subject_id', 64),
          column.text('request_id', 128, true),
          column.longText('details'),
        ],
      }),
    );
    await runner.createIndex('audit_entry', new TableIndex({ name: 'ix_audit_entry_subject', columnNames: ['subject_type', 'subject_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_entry');
  }
}
