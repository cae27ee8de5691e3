import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Faker } from '@faker-js/faker';
import type { EntityManager } from 'typeorm';
import { hashPassword } from '#libs/password';
import { workDateOf } from '#libs/common';
import { AppConfig } from '#libs/config';
import { Branch, CoreLoad, ReceiptRange, ResultCode, User } from '#libs/entities';
import { CoreLoadBridge } from '../core/inbound/core-load.bridge.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { DEMO_BRANCHES, DEMO_PASSWORD, DEMO_RESULT_CODES, DEMO_SEED, demoPeople } from './demo-catalog.js';
import { loadDemoGenerator } from './demo-generator.js';

type DemoBranch = (typeof DEMO_BRANCHES)[number];

/**
 * Loads the demo installation into an empty database: branches, people,
 * result codes, receipt ranges. The demo collectors' accounts and LKHs come
 * as a core load for today, written into the inbound tables and applied by
 * the bridge, the path every installation's core data takes; each start
 * writes today's load if it is missing, so the demo works on any day (the
 * same accounts every day). Off with DEMO_DATA=false, and in production
 * unless DEMO_DATA=true.
 */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly bridge: CoreLoadBridge,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const today = workDateOf(new Date(), this.config.workTimeZone);
    await this.transactions.run(async (manager) => {
      if ((await manager.getRepository(User).count()) === 0) {
        await this.loadInstallation(manager);
        this.logger.log({ msg: 'demo data loaded', branches: DEMO_BRANCHES.length, users: demoPeople(this.config.demoCollectors).length, workDate: today });
      }
      await this.writeDemoLoad(manager, today);
    });
    await this.bridge.applyReadyLoads();
  }

  private async loadInstallation(manager: EntityManager): Promise<void> {
    // Hashed only here: a database that already has users skips the cost on every later start.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = new Date();
    const branchIds = new Map<string, string>();
    for (const branch of DEMO_BRANCHES) {
      const id = randomUUID();
      branchIds.set(branch.code, id);
      await manager.insert(Branch, { id, code: branch.code, name: branch.name, createdAt: now });
    }
    await manager.insert(
      ResultCode,
      DEMO_RESULT_CODES.map((code, index) => ({ ...code, active: true, sortOrder: index + 1 })),
    );
    for (const person of demoPeople(this.config.demoCollectors)) {
      const userId = randomUUID();
      await manager.insert(User, {
        id: userId,
        username: person.username,
        fullName: person.fullName,
        passwordHash,
        role: person.role,
        branchId: person.branch ? branchIds.get(person.branch)! : null,
        active: true,
        employeeCode: person.employeeCode,
        createdAt: now,
        updatedAt: now,
      });
      if (!person.receiptPrefix) continue;
      await manager.insert(ReceiptRange, {
        id: randomUUID(),
        collectorId: userId,
        prefix: person.receiptPrefix,
        fromNo: 1,
        toNo: this.config.demoReceiptsPerCollector,
        active: true,
      });
    }
  }

  /** Today's demo load, as the core would write it: rows first, `ready` last. The same seed gives the same accounts every day. */
  private async writeDemoLoad(manager: EntityManager, today: string): Promise<void> {
    const id = `demo-${today}`;
    if (await manager.existsBy(CoreLoad, { id })) return;
    const faker = await loadDemoGenerator();
    faker.seed(DEMO_SEED);
    const accounts: Record<string, unknown>[] = [];
    const assignments: Record<string, unknown>[] = [];
    for (const person of demoPeople(this.config.demoCollectors)) {
      if (!person.employeeCode || !person.branch) continue;
      const home = DEMO_BRANCHES.find((branch) => branch.code === person.branch)!;
      for (let order = 1; order <= this.config.demoAccountsPerCollector; order += 1) {
        const account = demoAccount(faker, home);
        accounts.push({ load_id: id, row_no: accounts.length + 1, ...account });
        assignments.push({
          load_id: id,
          row_no: assignments.length + 1,
          work_date: today,
          employee_code: person.employeeCode,
          account_no: account.account_no,
          visit_order: order,
        });
      }
    }
    await manager.insert(CoreLoad, {
      id,
      kind: 'daily',
      workDate: today,
      declaredRows: accounts.length + assignments.length,
      status: 'loading',
      contentHash: null,
      acceptBadRows: false,
      createdAt: new Date(),
    });
    for (const [table, rows] of [
      ['core_account_row', accounts],
      ['core_assignment_row', assignments],
    ] as const) {
      for (let start = 0; start < rows.length; start += 100) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(table, Object.keys(rows[0]))
          .values(rows.slice(start, start + 100))
          .execute();
      }
    }
    await manager.update(CoreLoad, { id }, { status: 'ready' });
  }
}

function roundedRupiah(faker: Faker, min: number, max: number, step: number): number {
  return Math.round(faker.number.int({ min, max }) / step) * step;
}

function demoAccount(faker: Faker, home: DemoBranch): Record<string, string | number> {
  const installment = roundedRupiah(faker, 450_000, 3_500_000, 5_000);
  const overdueDays = faker.number.int({ min: 1, max: 120 });
  const installmentsDue = Math.ceil(overdueDays / 30);
  const lateFee = roundedRupiah(faker, 25_000, 150_000, 5_000) * installmentsDue;
  const remaining = faker.number.int({ min: installmentsDue + 2, max: 36 });
  return {
    account_no: `${faker.string.numeric({ length: 3, allowLeadingZeros: false })}${faker.string.numeric(9)}`,
    debtor_name: faker.person.fullName(),
    address: `${faker.location.streetAddress()}, ${faker.location.city()}`,
    phone: `08${faker.string.numeric(10)}`,
    product: 'Kredit Motor',
    installment,
    outstanding: installment * remaining,
    amount_due: installment * installmentsDue + lateFee,
    days_past_due: overdueDays,
    branch_code: home.code,
    latitude: Number((home.latitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6)),
    longitude: Number((home.longitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6)),
  };
}
