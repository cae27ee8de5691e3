import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Monitoring reads a branch's visits by work date and its promises by promised date. */
export class AddMonitoringIndices1764330000000 implements MigrationInterface {
  name = 'AddMonitoringIndices1764330000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('visit', new TableIndex({ name: 'ix_visit_branch_work_date', columnNames: ['branch_id', 'work_date'] }));
    await runner.createIndex('promise_to_pay', new TableIndex({ name: 'ix_promise_to_pay_branch_date', columnNames: ['branch_id', 'promised_date'] }));
    await runner.createIndex('audit_entry', new TableIndex({ name: 'ix_audit_entry_action', columnNames: ['action'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('audit_entry', 'ix_audit_entry_action');
    await runner.dropIndex('promise_to_pay', 'ix_promise_to_pay_branch_date');
    await runner.dropIndex('visit', 'ix_visit_branch_work_date');
  }
}
