import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

/** The ids of the release count batches already added, so a retried batch is not counted twice. */
export class CreateOtaCounterFlushes1764610000000 implements MigrationInterface {
  name = 'CreateOtaCounterFlushes1764610000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new PortableColumns(runner);
    await runner.createTable(new Table({ name: 'ota_counter_flush', columns: [c.id(), c.instant('applied_at')] }));
    await runner.createIndex('ota_counter_flush', new TableIndex({ name: 'ix_ota_counter_flush_applied', columnNames: ['applied_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('ota_counter_flush');
  }
}
