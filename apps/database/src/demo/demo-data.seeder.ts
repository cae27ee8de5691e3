import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Faker } from '@faker-js/faker';
import { In, type EntityManager } from 'typeorm';
import { hashPassword } from '#libs/password';
import { workDateOf } from '#libs/common';
import { AppConfig } from '#libs/config';
import { Account, Assignment, Branch, ReceiptRange, ResultCode, User, Worklist } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { DEMO_BRANCHES, DEMO_PASSWORD, DEMO_RESULT_CODES, DEMO_SEED, demoPeople } from './demo-catalog.js';
import { loadDemoGenerator } from './demo-generator.js';

/**
 * Loads the demo installation into an empty database, and gives each demo
 * collector an LKH for today on every start (a copy of their latest one), so
 * the demo works on any day. Off with DEMO_DATA=false, and in production unless DEMO_DATA=true.
 */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoData) return;
    const today = workDateOf(new Date(), this.config.workTimeZone);
    await this.transactions.run(async (manager) => {
      if ((await manager.getRepository(User).count()) === 0) {
        await this.loadInstallation(manager, today);
        this.logger.log({ msg: 'demo data loaded', branches: DEMO_BRANCHES.length, users: demoPeople(this.config.demoCollectors).length, workDate: today });
      }
      await this.rollWorklistsTo(manager, today);
    });
  }

  private async loadInstallation(manager: EntityManager, today: string): Promise<void> {
    // Hashed only here: a database that already has users skips the cost on every later start.
    const faker = await loadDemoGenerator();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    faker.seed(DEMO_SEED);
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
      const branchId = person.branch ? branchIds.get(person.branch)! : null;
      await manager.insert(User, {
        id: userId,
        username: person.username,
        fullName: person.fullName,
        passwordHash,
        role: person.role,
        branchId,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      if (person.role !== 'collector' || !branchId || !person.receiptPrefix) continue;
      await manager.insert(ReceiptRange, {
        id: randomUUID(),
        collectorId: userId,
        prefix: person.receiptPrefix,
        fromNo: 1,
        toNo: this.config.demoReceiptsPerCollector,
        active: true,
      });
      const home = DEMO_BRANCHES.find((b) => b.code === person.branch)!;
      const accounts = Array.from({ length: this.config.demoAccountsPerCollector }, () => demoAccount(faker, branchId, home, now));
      await manager.insert(Account, accounts);
      await this.insertWorklist(manager, userId, branchId, today, accounts);
    }
  }

  /** Each demo collector without an LKH today gets one with the accounts of their latest LKH. */
  private async rollWorklistsTo(manager: EntityManager, today: string): Promise<void> {
    const collectors = await manager.getRepository(User).findBy({ role: 'collector' });
    const worklists = manager.getRepository(Worklist);
    for (const collector of collectors) {
      if (!collector.branchId) continue;
      if (await worklists.existsBy({ collectorId: collector.id, workDate: today })) continue;
      const latest = await worklists.findOne({ where: { collectorId: collector.id }, order: { workDate: 'DESC' } });
      if (!latest) continue;
      const previous = await manager.getRepository(Assignment).find({ where: { worklistId: latest.id }, order: { sequence: 'ASC' } });
      const accounts = await manager.getRepository(Account).findBy({ id: In(previous.map((a) => a.accountId)) });
      const bySequence = previous.map((a) => accounts.find((account) => account.id === a.accountId)!);
      await this.insertWorklist(manager, collector.id, collector.branchId, today, bySequence);
    }
  }

  private async insertWorklist(manager: EntityManager, collectorId: string, branchId: string, workDate: string, accounts: Account[]): Promise<void> {
    const worklistId = randomUUID();
    await manager.insert(Worklist, { id: worklistId, collectorId, branchId, workDate, createdAt: new Date() });
    await manager.insert(
      Assignment,
      accounts.map((account, index) => ({
        id: randomUUID(),
        worklistId,
        accountId: account.id,
        collectorId,
        sequence: index + 1,
        amountDue: account.amountDue,
        overdueDays: account.overdueDays,
      })),
    );
  }
}

function roundedRupiah(faker: Faker, min: number, max: number, step: number): number {
  return Math.round(faker.number.int({ min, max }) / step) * step;
}

function demoAccount(faker: Faker, branchId: string, home: { latitude: number; longitude: number }, now: Date): Account {
  const installment = roundedRupiah(faker, 450_000, 3_500_000, 5_000);
  const overdueDays = faker.number.int({ min: 1, max: 120 });
  const installmentsDue = Math.ceil(overdueDays / 30);
  const lateFee = roundedRupiah(faker, 25_000, 150_000, 5_000) * installmentsDue;
  const amountDue = installment * installmentsDue + lateFee;
  const remaining = faker.number.int({ min: installmentsDue + 2, max: 36 });
  return Object.assign(new Account(), {
    id: randomUUID(),
    contractNo: `${faker.string.numeric({ length: 3, allowLeadingZeros: false })}${faker.string.numeric(9)}`,
    branchId,
    debtorName: faker.person.fullName(),
    address: `${faker.location.streetAddress()}, ${faker.location.city()}`,
    phone: `08${faker.string.numeric(10)}`,
    latitude: Number((home.latitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6)),
    longitude: Number((home.longitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6)),
    installmentAmount: installment,
    amountDue,
    overdueDays,
    outstanding: installment * remaining,
    updatedAt: now,
  });
}
