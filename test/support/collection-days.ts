import type { Config } from '@jest/types';
import type { Actor, AssignmentRecord, CollectionDayRecord, SessionCheckRequest, VisitContent } from '#libs/contract';

/** 10:00 in Jakarta on 28 November 2026, the work date of every day here. */
export const WORK_MORNING = new Date('2026-11-28T03:00:00.000Z');
export const WORK_DATE = '2026-11-28';

export const COLLECTOR: Actor = { userId: 'collector-1', username: 'collector1', role: 'collector', branchId: 'branch-jkt', deviceId: 'device-1' };
export const SUPERVISOR: Actor = { userId: 'supervisor-1', username: 'supervisor1', role: 'supervisor', branchId: 'branch-jkt', deviceId: null };
/** The sessions of the two hot paths (LKH, visits), which carry the token's claims for the database to check. */
export const COLLECTOR_SESSION: SessionCheckRequest = { userId: COLLECTOR.userId, role: COLLECTOR.role, deviceId: COLLECTOR.deviceId };
export const SUPERVISOR_SESSION: SessionCheckRequest = { userId: SUPERVISOR.userId, role: SUPERVISOR.role, deviceId: null };
export const ADMIN: Actor = { userId: 'admin-1', username: 'admin', role: 'admin', branchId: null, deviceId: null };

export function assignment(n: number): AssignmentRecord {
  return {
    id: `assignment-${n}`,
    accountId: `account-${n}`,
    sequence: n,
    contractNo: `10123456789${n}`,
    debtorName: `Debtor ${n}`,
    address: `Jl. Merdeka ${n}, Jakarta`,
    phone: `08123456789${n}`,
    amountDue: 2_000_000,
    installmentAmount: 1_000_000,
    overdueDays: 40,
    outstanding: 12_000_000,
    location: { lat: -6.2, lng: 106.8 },
  };
}

/** A refusal recorded at 09:30 on the work date, at the first account, with nothing attached: each test changes what it checks. */
export function visitContent(overrides: Partial<VisitContent> = {}): VisitContent {
  return {
    id: 'visit-1',
    assignmentId: 'assignment-1',
    resultCode: 'REFUSED',
    visitedAt: '2026-11-28T02:30:00.000Z',
    location: { lat: -6.2, lng: 106.8, accuracy: 10 },
    notes: null,
    payment: null,
    promise: null,
    photos: [],
    ...overrides,
  };
}

/** A collector's open day as the database service answers it: two accounts, active and retired codes, a current and a replaced receipt range. */
export function openDay(overrides: Partial<CollectionDayRecord> = {}): CollectionDayRecord {
  return {
    batch: { id: 'batch-1', workDate: WORK_DATE, status: 'open', openedAt: '2026-11-28T00:30:00.000Z', closedAt: null },
    collectorId: COLLECTOR.userId,
    branchId: 'branch-jkt',
    assignments: [assignment(1), assignment(2)],
    resultCodes: [
      { code: 'PAID', label: 'Paid', requires: { payment: true, promise: false, gps: true, minPhotos: 1 }, active: true },
      { code: 'REFUSED', label: 'Refused', requires: { payment: false, promise: false, gps: false, minPhotos: 0 }, active: true },
      { code: 'OLD', label: 'Retired', requires: { payment: false, promise: false, gps: false, minPhotos: 0 }, active: false },
    ],
    receiptRanges: [
      { prefix: 'KWJ0', from: 1, to: 100, active: false },
      { prefix: 'KWJ1', from: 1, to: 500, active: true },
    ],
    ...overrides,
  };
}

/** Stops the clock at WORK_MORNING; I/O callbacks still run, so services that hash or read go on as usual. */
export const AT_WORK_MORNING: Config.FakeTimersConfig = { now: WORK_MORNING, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] };
