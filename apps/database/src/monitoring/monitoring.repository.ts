import { Injectable } from '@nestjs/common';
import { Between, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type {
  BranchScope,
  CollectorRef,
  ExpectedPhotos,
  ExpectedPhotosQuery,
  Page,
  Position,
  ProgressQuery,
  PromiseDue,
  PromiseQuery,
  StoredProgress,
  StoredVisit,
  StoredVisitSummary,
  VisitQuery,
  VisitSummary,
} from '#libs/contract';
import { Account, Assignment, Batch, Branch, Payment, PromiseToPay, ResultCode, User, Visit, VisitPhoto, Worklist } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';

interface Lookups {
  accounts: Map<string, Account>;
  collectors: Map<string, User>;
  branchCodes: Map<string, string>;
}

/** Counts and sums come back as strings from PostgreSQL and SQL Server, as numbers from SQLite. */
interface CountRow {
  key: string;
  n: string | number | null;
}

function countsBy(rows: CountRow[]): Map<string, number> {
  return new Map(rows.map((row) => [row.key, Number(row.n ?? 0)]));
}

/** The day's visits of the collectors asked about; binds `workDate` and `ids`. */
const COLLECTORS_DAY = 'v.workDate = :workDate AND v.collectorId IN (:...ids)';

/**
 * Rows keyed once, so a day of thousands of collectors is read in one pass
 * rather than one scan of every row per collector (which blocked the
 * database process for seconds at a company's size).
 */
function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Each collector's latest sync over the day's batches (a reset day has more than one). */
function latestSyncs(batches: Batch[]): Map<string, Date> {
  const latest = new Map<string, Date>();
  for (const batch of batches) {
    const known = latest.get(batch.collectorId);
    if (batch.lastSyncAt && (!known || batch.lastSyncAt > known)) latest.set(batch.collectorId, batch.lastSyncAt);
  }
  return latest;
}

function collectorRef(user: User | undefined, id: string): CollectorRef {
  return { id, username: user?.username ?? '', fullName: user?.fullName ?? '' };
}

function positionOf(visit: Visit): Position | null {
  if (visit.latitude === null || visit.longitude === null) return null;
  return { lat: visit.latitude, lng: visit.longitude, accuracy: visit.accuracyM };
}

/**
 * The queries behind web monitoring. Each takes a branch scope and never
 * reads outside it; the collector service decides the scope from the caller.
 */
@Injectable()
export class MonitoringRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  progress(query: ProgressQuery): Promise<StoredProgress[]> {
    return this.transactions.read(async (manager) => {
      const collectors = await manager.find(User, {
        where: { role: 'collector', ...(query.branchId ? { branchId: query.branchId } : {}) },
        order: { username: 'ASC' },
      });
      if (collectors.length === 0) return [];
      const ids = collectors.map((collector) => collector.id);
      const params = { workDate: query.workDate, ids };
      const [assigned, visited, byResult, paidBy, promisedBy, batches, latest, lookups] = await Promise.all([
        manager
          .createQueryBuilder(Worklist, 'w')
          .innerJoin(Assignment, 'a', 'a.worklistId = w.id')
          .select('w.collectorId', 'key')
          .addSelect('COUNT(a.id)', 'n')
          .where('w.workDate = :workDate AND w.supersededAt IS NULL AND w.collectorId IN (:...ids)', params)
          .groupBy('w.collectorId')
          .getRawMany<CountRow>(),
        manager
          .createQueryBuilder(Visit, 'v')
          .select('v.collectorId', 'key')
          .addSelect('COUNT(DISTINCT v.assignmentId)', 'n')
          .where(COLLECTORS_DAY, params)
          .groupBy('v.collectorId')
          .getRawMany<CountRow>(),
        manager
          .createQueryBuilder(Visit, 'v')
          .select('v.collectorId', 'collectorId')
          .addSelect('v.resultCode', 'resultCode')
          .addSelect('COUNT(v.id)', 'n')
          .where(COLLECTORS_DAY, params)
          .groupBy('v.collectorId')
          .addGroupBy('v.resultCode')
          .getRawMany<{ collectorId: string; resultCode: string; n: string | number }>(),
        this.amountsByCollector(manager, Payment, params),
        this.amountsByCollector(manager, PromiseToPay, params),
        manager.findBy(Batch, { workDate: query.workDate, collectorId: In(ids) }),
        this.latestVisits(manager, query.workDate, ids),
        this.lookups(manager, { branchIds: collectors.flatMap((collector) => (collector.branchId ? [collector.branchId] : [])) }),
      ]);
      const assignedBy = countsBy(assigned);
      const visitedBy = countsBy(visited);
      const resultsBy = groupBy(byResult, (row) => row.collectorId);
      const lastSyncBy = latestSyncs(batches);
      return collectors.map((collector) => {
        const results = resultsBy.get(collector.id) ?? [];
        const lastSync = lastSyncBy.get(collector.id);
        const last = latest.get(collector.id);
        const position = last ? positionOf(last) : null;
        return {
          collector: { id: collector.id, username: collector.username, fullName: collector.fullName, active: collector.active },
          branchCode: lookups.branchCodes.get(collector.branchId ?? '') ?? '',
          assigned: assignedBy.get(collector.id) ?? 0,
          visited: visitedBy.get(collector.id) ?? 0,
          visits: results.reduce((sum, row) => sum + Number(row.n), 0),
          paidAmount: paidBy.get(collector.id) ?? 0,
          promisedAmount: promisedBy.get(collector.id) ?? 0,
          visitsByResult: Object.fromEntries(results.map((row) => [row.resultCode, Number(row.n)])),
          lastSyncAt: lastSync ? lastSync.toISOString() : null,
          lastPosition: last && position ? { ...position, at: last.visitedAt.toISOString() } : null,
        };
      });
    });
  }

  /** Newest visit first; ties on the instant are broken by id so pages never overlap. */
  visits(query: VisitQuery): Promise<Page<StoredVisitSummary>> {
    return this.transactions.read(async (manager) => {
      const where = this.visitFilter(query);
      const [visits, total] = await manager.findAndCount(Visit, {
        where,
        order: { visitedAt: 'DESC', id: 'DESC' },
        skip: query.offset,
        take: query.limit,
      });
      const ids = visits.map((visit) => visit.id);
      const [lookups, payments, promises, photos] = await Promise.all([
        this.lookupsOf(manager, visits),
        ids.length ? manager.findBy(Payment, { visitId: In(ids) }) : [],
        ids.length ? manager.findBy(PromiseToPay, { visitId: In(ids) }) : [],
        ids.length ? manager.find(VisitPhoto, { where: { visitId: In(ids) }, order: { position: 'ASC' } }) : [],
      ]);
      const paymentOf = new Map(payments.map((payment) => [payment.visitId, payment]));
      const promiseOf = new Map(promises.map((promise) => [promise.visitId, promise]));
      const photosOf = groupBy(photos, (photo) => photo.visitId);
      const items = visits.map((visit) => {
        const photoHashes = (photosOf.get(visit.id) ?? []).map((photo) => photo.sha256);
        return { ...this.summaryOf(visit, lookups, paymentOf.get(visit.id), promiseOf.get(visit.id)), photosExpected: photoHashes.length, photoHashes };
      });
      return { items, total, limit: query.limit, offset: query.offset };
    });
  }

  /** The photos each visit of a filter (or each named visit) expects, newest visit first; visits that expect none are left out. */
  expectedPhotos(query: ExpectedPhotosQuery): Promise<ExpectedPhotos[]> {
    return this.transactions.read(async (manager) => {
      if (query.visitIds?.length === 0) return [];
      const builder = manager
        .createQueryBuilder(VisitPhoto, 'ph')
        .innerJoin(Visit, 'v', 'v.id = ph.visitId')
        .select('v.id', 'visitId')
        .addSelect('v.collectorId', 'collectorId')
        .addSelect('ph.sha256', 'sha256')
        .orderBy('v.visitedAt', 'DESC')
        .addOrderBy('v.id', 'DESC')
        .addOrderBy('ph.position', 'ASC');
      if (query.visitIds) builder.andWhere('v.id IN (:...visitIds)', { visitIds: query.visitIds });
      if (query.from && query.to) builder.andWhere('v.workDate BETWEEN :from AND :to', { from: query.from, to: query.to });
      if (query.branchId) builder.andWhere('v.branchId = :branchId', { branchId: query.branchId });
      if (query.collectorId) builder.andWhere('v.collectorId = :collectorId', { collectorId: query.collectorId });
      if (query.resultCode) builder.andWhere('v.resultCode = :resultCode', { resultCode: query.resultCode });
      const rows = await builder.getRawMany<{ visitId: string; collectorId: string; sha256: string }>();
      const byVisit = new Map<string, ExpectedPhotos>();
      for (const row of rows) {
        const visit = byVisit.get(row.visitId) ?? { visitId: row.visitId, collectorId: row.collectorId, sha256s: [] };
        visit.sha256s.push(row.sha256);
        byVisit.set(row.visitId, visit);
      }
      return [...byVisit.values()];
    });
  }

  visit(query: BranchScope & { visitId: string }): Promise<StoredVisit | null> {
    return this.transactions.read(async (manager) => {
      const visit = await manager.findOneBy(Visit, { id: query.visitId });
      if (!visit || (query.branchId && visit.branchId !== query.branchId)) return null;
      const [lookups, payment, promise, photos, result] = await Promise.all([
        this.lookupsOf(manager, [visit]),
        manager.findOneBy(Payment, { visitId: visit.id }),
        manager.findOneBy(PromiseToPay, { visitId: visit.id }),
        manager.find(VisitPhoto, { where: { visitId: visit.id }, order: { position: 'ASC' } }),
        manager.findOneBy(ResultCode, { code: visit.resultCode }),
      ]);
      const summary = this.summaryOf(visit, lookups, payment ?? undefined, promise ?? undefined);
      const account = lookups.accounts.get(visit.accountId);
      return {
        ...summary,
        batchId: visit.batchId,
        assignmentId: visit.assignmentId,
        resultLabel: result?.label ?? visit.resultCode,
        account: {
          ...summary.account,
          address: account?.address ?? '',
          phone: account?.phone ?? '',
          installmentAmount: account?.installmentAmount ?? 0,
          amountDue: account?.amountDue ?? 0,
          overdueDays: account?.overdueDays ?? 0,
          outstanding: account?.outstanding ?? 0,
        },
        photos: photos.map((photo) => ({ sha256: photo.sha256, position: photo.position })),
      };
    });
  }

  /** Earliest promised date first. */
  promisesDue(query: PromiseQuery): Promise<Page<PromiseDue>> {
    return this.transactions.read(async (manager) => {
      const where: FindOptionsWhere<PromiseToPay> = { promisedDate: Between(query.from, query.to) };
      if (query.branchId) where.branchId = query.branchId;
      const [promises, total] = await manager.findAndCount(PromiseToPay, {
        where,
        order: { promisedDate: 'ASC', visitId: 'ASC' },
        skip: query.offset,
        take: query.limit,
      });
      const visitIds = promises.map((promise) => promise.visitId);
      const [lookups, visits] = await Promise.all([
        this.lookups(manager, {
          accountIds: promises.map((promise) => promise.accountId),
          collectorIds: promises.map((promise) => promise.collectorId),
          branchIds: promises.map((promise) => promise.branchId),
        }),
        visitIds.length ? manager.findBy(Visit, { id: In(visitIds) }) : [],
      ]);
      const visitedAt = new Map(visits.map((visit) => [visit.id, visit.visitedAt.toISOString()]));
      const items = promises.map((promise) => {
        const account = lookups.accounts.get(promise.accountId);
        return {
          visitId: promise.visitId,
          promisedDate: promise.promisedDate,
          amount: promise.amount,
          madeAt: visitedAt.get(promise.visitId) ?? '',
          branchCode: lookups.branchCodes.get(promise.branchId) ?? '',
          collector: collectorRef(lookups.collectors.get(promise.collectorId), promise.collectorId),
          account: {
            id: promise.accountId,
            contractNo: account?.contractNo ?? '',
            debtorName: account?.debtorName ?? '',
            address: account?.address ?? '',
            phone: account?.phone ?? '',
          },
        };
      });
      return { items, total, limit: query.limit, offset: query.offset };
    });
  }

  private visitFilter(query: VisitQuery): FindOptionsWhere<Visit> {
    const where: FindOptionsWhere<Visit> = { workDate: Between(query.from, query.to) };
    if (query.branchId) where.branchId = query.branchId;
    if (query.collectorId) where.collectorId = query.collectorId;
    if (query.resultCode) where.resultCode = query.resultCode;
    if (query.visitIds) where.id = In(query.visitIds);
    return where;
  }

  /** The sum of payments or promises made at each collector's visits of the day. */
  private async amountsByCollector(
    manager: EntityManager,
    entity: typeof Payment | typeof PromiseToPay,
    params: { workDate: string; ids: string[] },
  ): Promise<Map<string, number>> {
    const rows = await manager
      .createQueryBuilder(entity, 'm')
      .innerJoin(Visit, 'v', 'v.id = m.visitId')
      .select('v.collectorId', 'key')
      .addSelect('SUM(m.amount)', 'n')
      .where(COLLECTORS_DAY, params)
      .groupBy('v.collectorId')
      .getRawMany<CountRow>();
    return countsBy(rows);
  }

  /** Each collector's latest visit of the day: where they were last seen. */
  private async latestVisits(manager: EntityManager, workDate: string, collectorIds: string[]): Promise<Map<string, Visit>> {
    const visits = await manager
      .createQueryBuilder(Visit, 'v')
      .where('v.workDate = :workDate AND v.collectorId IN (:...collectorIds)', { workDate, collectorIds })
      .andWhere('v.visitedAt = (SELECT MAX(v2.visited_at) FROM visit v2 WHERE v2.collector_id = v.collector_id AND v2.work_date = :workDate)')
      .orderBy('v.id', 'ASC')
      .getMany();
    return new Map(visits.map((visit) => [visit.collectorId, visit]));
  }

  private summaryOf(
    visit: Visit,
    lookups: Lookups,
    payment: Payment | undefined,
    promise: PromiseToPay | undefined,
  ): Omit<VisitSummary, 'photosExpected' | 'photosMissing'> {
    const account = lookups.accounts.get(visit.accountId);
    return {
      id: visit.id,
      workDate: visit.workDate,
      visitedAt: visit.visitedAt.toISOString(),
      receivedAt: visit.receivedAt.toISOString(),
      resultCode: visit.resultCode,
      branchCode: lookups.branchCodes.get(visit.branchId) ?? '',
      collector: collectorRef(lookups.collectors.get(visit.collectorId), visit.collectorId),
      account: { id: visit.accountId, contractNo: account?.contractNo ?? '', debtorName: account?.debtorName ?? '' },
      payment: payment ? { amount: payment.amount, receiptNo: payment.receiptNo } : null,
      promise: promise ? { date: promise.promisedDate, amount: promise.amount } : null,
      location: positionOf(visit),
      notes: visit.notes,
    };
  }

  private lookupsOf(manager: EntityManager, visits: Visit[]): Promise<Lookups> {
    return this.lookups(manager, {
      accountIds: visits.map((visit) => visit.accountId),
      collectorIds: visits.map((visit) => visit.collectorId),
      branchIds: visits.map((visit) => visit.branchId),
    });
  }

  private async lookups(manager: EntityManager, ids: { accountIds?: string[]; collectorIds?: string[]; branchIds?: string[] }): Promise<Lookups> {
    const unique = (values: string[] = []) => [...new Set(values)];
    const [accountIds, collectorIds, branchIds] = [unique(ids.accountIds), unique(ids.collectorIds), unique(ids.branchIds)];
    const [accounts, collectors, branches] = await Promise.all([
      accountIds.length ? manager.findBy(Account, { id: In(accountIds) }) : [],
      collectorIds.length ? manager.findBy(User, { id: In(collectorIds) }) : [],
      branchIds.length ? manager.findBy(Branch, { id: In(branchIds) }) : [],
    ]);
    return {
      accounts: new Map(accounts.map((account) => [account.id, account])),
      collectors: new Map(collectors.map((collector) => [collector.id, collector])),
      branchCodes: new Map(branches.map((branch) => [branch.id, branch.code])),
    };
  }
}
