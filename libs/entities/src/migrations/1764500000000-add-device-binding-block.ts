import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

/** An admin may stop a collector from binding any new phone; login looks a revoked phone up by its key, whoever it was bound to. */
export class AddDeviceBindingBlock1764500000000 implements MigrationInterface {
  name = 'AddDeviceBindingBlock1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const column = new PortableColumns(runner);
    await runner.addColumn('app_user', new TableColumn(column.boolean('may_bind_devices', true)));
    await runner.createIndex('device', new TableIndex({ name: 'ix_device_key', columnNames: ['device_key'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('device', 'ix_device_key');
    await runner.dropColumn('app_user', 'may_bind_devices');
  }
}
