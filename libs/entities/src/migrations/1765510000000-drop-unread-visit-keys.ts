import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The outbound tables' keys on the visit, and the columns each holds. */
const OUTBOUND_VISIT_KEYS: [string, string[]][] = [
  ['core_out_visit', ['visit_id']],
  ['core_out_payment', ['visit_id']],
  ['core_out_promise', ['visit_id']],
  ['core_out_photo', ['visit_id', 'sha256']],
];

/**
 * Indexes no read uses, each an entry at a random place for every stored
 * visit (keys made on the phone: visit ids and photo hashes), so each
 * upload's commit rewrote a page of every one of them. Photos are read by
 * their visit, never by hash alone; the core reads outbound rows by what is
 * still to deliver and acknowledges them by id. An outbound row cannot be
 * doubled without them: its one writer stores it in the transaction that
 * inserts its visit, whose primary key refuses a visit id taken before.
 */
export class DropUnreadVisitKeys1765510000000 implements MigrationInterface {
  name = 'DropUnreadVisitKeys1765510000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('visit_photo', 'ix_visit_photo_sha256');
    for (const [table, columns] of OUTBOUND_VISIT_KEYS) await runner.dropIndex(table, keyName(table, columns));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, columns] of OUTBOUND_VISIT_KEYS) {
      await runner.createIndex(table, new TableIndex({ name: keyName(table, columns), columnNames: columns, isUnique: true }));
    }
    await runner.createIndex('visit_photo', new TableIndex({ name: 'ix_visit_photo_sha256', columnNames: ['sha256'] }));
  }
}

function keyName(table: string, columns: string[]): string {
  return `ux_${table}_${columns.join('_')}`;
}
