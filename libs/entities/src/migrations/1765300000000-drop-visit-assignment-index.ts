import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * No read looks visits up by assignment (monitoring counts them per collector
 * and day, through the collector's index), and assignments are never deleted
 * or re-keyed, so the index only cost every stored visit one more entry.
 */
export class DropVisitAssignmentIndex1765300000000 implements MigrationInterface {
  name = 'DropVisitAssignmentIndex1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('visit', 'ix_visit_assignment');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.createIndex('visit', new TableIndex({ name: 'ix_visit_assignment', columnNames: ['assignment_id'] }));
  }
}
