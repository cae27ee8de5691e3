import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * No read looks assignments up by collector: an LKH's assignments are read by
 * its worklist (the unique worklist-and-account index), and a collector's LKH
 * by collector and date on the worklist. The index only cost each assignment a
 * core load writes one more entry: 800,000 of them on a load of 20,000
 * collectors.
 */
export class DropAssignmentCollectorIndex1765400000000 implements MigrationInterface {
  name = 'DropAssignmentCollectorIndex1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('assignment', 'ix_assignment_collector');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.createIndex('assignment', new TableIndex({ name: 'ix_assignment_collector', columnNames: ['collector_id'] }));
  }
}
