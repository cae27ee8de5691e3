import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { PortableColumns } from '../portable-columns.js';

/**
 * The LKH of each open batch rendered once, with its entity tag. Batches
 * already open get theirs at their first download.
 */
export class CreateWorklistDocuments1765230000000 implements MigrationInterface {
  name = 'CreateWorklistDocuments1765230000000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new PortableColumns(runner);
    await runner.createTable(
      new Table({
        name: 'worklist_document',
        columns: [c.id('collector_id'), c.uuid('batch_id'), c.text('etag', 64), c.longText('body', false), c.instant('rendered_at')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('worklist_document');
  }
}
