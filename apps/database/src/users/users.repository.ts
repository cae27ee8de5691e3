import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { NewUserRecord, Page, PasswordChange, ReceiptRangeChange, UserChange, SessionRecord, UserQuery, UserRecord, UserSummary } from '#libs/contract';
import { Branch, ReceiptRange, User } from '#libs/entities';
import { recordAudit } from '../audit/audit-trail.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { insertUnique } from '../persistence/unique-violation.js';
import { sessionRecordIn } from './session-records.js';
import { toUserSummary } from './user.mapper.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.transactions.read(async (manager) => this.toRecord(manager, await manager.findOneBy(User, { username })));
  }

  findById(userId: string): Promise<UserRecord | null> {
    return this.transactions.read(async (manager) => this.toRecord(manager, await manager.findOneBy(User, { id: userId })));
  }

  sessionOf(userId: string, deviceId: string | null): Promise<SessionRecord | null> {
    return this.transactions.read((manager) => sessionRecordIn(manager, userId, deviceId));
  }

  list(query: UserQuery): Promise<Page<UserSummary>> {
    return this.transactions.read(async (manager) => {
      const where: FindOptionsWhere<User> = {};
      if (query.role) where.role = query.role;
      if (query.branchId) where.branchId = query.branchId;
      if (query.active !== undefined) where.active = query.active;
      const [users, total] = await manager.findAndCount(User, { where, order: { username: 'ASC' }, skip: query.offset, take: query.limit });
      return { items: await this.summaries(manager, users), total, limit: query.limit, offset: query.offset };
    });
  }

  create(record: NewUserRecord): Promise<UserSummary> {
    return this.transactions.run(async (manager) => {
      const now = new Date();
      const user = manager.getRepository(User).create({
        id: randomUUID(),
        username: record.username,
        fullName: record.fullName,
        passwordHash: record.passwordHash,
        role: record.role,
        branchId: record.branchId,
        active: true,
        mayBindDevices: true,
        createdAt: now,
        updatedAt: now,
      });
      await insertUnique(manager.getRepository(User).insert(user), () => ProblemError.conflict('username-taken', `The username ${record.username} is taken`));
      await recordAudit(manager, {
        actorId: record.actorId,
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        details: { username: user.username, fullName: user.fullName, role: user.role, branchId: user.branchId },
      });
      return (await this.summaries(manager, [user]))[0];
    });
  }

  update(change: UserChange): Promise<UserSummary> {
    return this.transactions.run(async (manager) => {
      const user = await this.existing(manager, change.userId);
      const changed: Record<string, unknown> = {};
      for (const field of ['fullName', 'role', 'branchId', 'active', 'mayBindDevices'] as const) {
        if (change[field] !== undefined && change[field] !== user[field]) {
          changed[field] = { from: user[field], to: change[field] };
          Object.assign(user, { [field]: change[field] });
        }
      }
      if (Object.keys(changed).length > 0) {
        user.updatedAt = new Date();
        await manager.getRepository(User).save(user);
        await recordAudit(manager, { actorId: change.actorId, action: 'user.update', subjectType: 'user', subjectId: user.id, details: changed });
      }
      return (await this.summaries(manager, [user]))[0];
    });
  }

  setPassword(change: PasswordChange): Promise<UserSummary> {
    return this.transactions.run(async (manager) => {
      const user = await this.existing(manager, change.userId);
      user.passwordHash = change.passwordHash;
      user.updatedAt = new Date();
      await manager.getRepository(User).save(user);
      await recordAudit(manager, { actorId: change.actorId, action: 'user.resetPassword', subjectType: 'user', subjectId: user.id });
      return (await this.summaries(manager, [user]))[0];
    });
  }

  /** The collector's previous range stops being offered; receipts printed from it stay valid and used. */
  assignReceiptRange(change: ReceiptRangeChange): Promise<UserSummary> {
    return this.transactions.run(async (manager) => {
      const user = await this.existing(manager, change.userId);
      const ranges = manager.getRepository(ReceiptRange);
      const previous = await ranges.findBy({ collectorId: user.id, active: true });
      if (previous.length > 0) await ranges.update({ id: In(previous.map((range) => range.id)) }, { active: false });
      await insertUnique(
        ranges.insert({ id: randomUUID(), collectorId: user.id, prefix: change.prefix, fromNo: change.from, toNo: change.to, active: true }),
        () => ProblemError.conflict('receipt-prefix-taken', `The receipt prefix ${change.prefix} is already allotted`),
      );
      await recordAudit(manager, {
        actorId: change.actorId,
        action: 'user.assignReceiptRange',
        subjectType: 'user',
        subjectId: user.id,
        details: { prefix: change.prefix, from: change.from, to: change.to, replaced: previous.map((range) => range.prefix) },
      });
      return (await this.summaries(manager, [user]))[0];
    });
  }

  private async existing(manager: EntityManager, userId: string): Promise<User> {
    const user = await manager.getRepository(User).findOneBy({ id: userId });
    if (!user) throw ProblemError.notFound(`No user ${userId}`);
    return user;
  }

  private async summaries(manager: EntityManager, users: User[]): Promise<UserSummary[]> {
    const ids = users.map((user) => user.id);
    const branchIds = [...new Set(users.flatMap((user) => (user.branchId ? [user.branchId] : [])))];
    const branches = branchIds.length ? await manager.getRepository(Branch).findBy({ id: In(branchIds) }) : [];
    const ranges = ids.length ? await manager.getRepository(ReceiptRange).findBy({ collectorId: In(ids), active: true }) : [];
    const codes = new Map(branches.map((branch) => [branch.id, branch.code]));
    const rangeOf = new Map(ranges.map((range) => [range.collectorId, range]));
    return users.map((user) => toUserSummary(user, user.branchId ? (codes.get(user.branchId) ?? null) : null, rangeOf.get(user.id) ?? null));
  }

  private async toRecord(manager: EntityManager, user: User | null): Promise<UserRecord | null> {
    if (!user) return null;
    const branch = user.branchId ? await manager.findOneBy(Branch, { id: user.branchId }) : null;
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      passwordHash: user.passwordHash,
      role: user.role,
      branchId: user.branchId,
      branchCode: branch?.code ?? null,
      active: user.active,
    };
  }
}
