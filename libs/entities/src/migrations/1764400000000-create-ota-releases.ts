import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

export class CreateOtaReleases1764400000000 implements MigrationInterface {
  name = 'CreateOtaReleases1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    const column = new PortableColumns(runner);
    await runner.createTable(
      new Table({
        name: 'ota_release',
        columns: [
          column.id(),
          column.text('channel', 32),
          column.text('package_name', 255),
          column.integer('version_code'),
          column.text('version_name', 64),
          column.integer('min_sdk_version'),
          column.integer('target_sdk_version', true),
          column.text('sha256', 64),
          column.integer('size_bytes'),
          column.text('signer_sha256', 64),
          column.text('signer_subject', 512),
          column.longText('notes'),
          column.boolean('mandatory', false),
          column.integer('rollout_percent'),
          column.boolean('halted', false),
          column.text('file_name', 128),
          column.instant('published_at'),
          column.text('published_by', 64),
          { ...column.integer('check_count'), default: 0 },
          { ...column.integer('download_count'), default: 0 },
        ],
        uniques: [{ name: 'uq_ota_release_channel_version', columnNames: ['channel', 'version_code'] }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'ota_channel',
        columns: [{ ...column.text('channel', 32), isPrimary: true }, column.integer('min_version_code', true), column.instant('updated_at')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('ota_channel');
    await runner.dropTable('ota_release');
  }
}
