import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Faker } from '@faker-js/faker';
import { stringify } from 'csv-stringify';
import { CORE_FILE_COLUMNS, CORE_FILE_NAMES, type CoreFileTable } from './core-file-columns.js';

export interface GeneratedBranch {
  code: string;
  latitude: number;
  longitude: number;
}

export interface CoreLoadPlan {
  collectors: number;
  accountsPerCollector: number;
  workDate: string;
  branches: GeneratedBranch[];
  /**
   * The scrypt hash every generated collector gets, made once by the caller:
   * hashing is deliberately slow (tens of milliseconds), so 20,000 hashes of
   * their own would take minutes. Test data only: real collectors get their
   * own passwords from an admin.
   */
  passwordHash: string;
  /** The random seed: the same plan and seed give the same files. */
  seed?: number;
  employeeCodePrefix?: string;
}

type Row = Record<string, string | number | null>;

const PRODUCTS = ['Kredit Motor', 'Kredit Mobil', 'Multiguna', 'Elektronik', 'Modal Usaha'];

function rupiah(faker: Faker, min: number, max: number, step: number): number {
  return Math.round(faker.number.int({ min, max }) / step) * step;
}

/** The employee code of the n-th generated collector (`KOL000001`): stable, so loads for other days name the same people. */
export function generatedEmployeeCode(n: number, prefix = 'KOL'): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

function* collectorRows(faker: Faker, plan: CoreLoadPlan): Generator<Row> {
  for (let n = 1; n <= plan.collectors; n += 1) {
    yield {
      employee_code: generatedEmployeeCode(n, plan.employeeCodePrefix),
      full_name: faker.person.fullName(),
      branch_code: plan.branches[n % plan.branches.length].code,
      active: 1,
      password_hash: plan.passwordHash,
    };
  }
}

function accountNo(collector: number, index: number): string {
  return `${100 + (collector % 900)}${String(collector).padStart(6, '0')}${String(index).padStart(3, '0')}`;
}

function* accountRows(faker: Faker, plan: CoreLoadPlan): Generator<Row> {
  for (let n = 1; n <= plan.collectors; n += 1) {
    const branch = plan.branches[n % plan.branches.length];
    for (let index = 1; index <= plan.accountsPerCollector; index += 1) {
      const installment = rupiah(faker, 450_000, 3_500_000, 5_000);
      const daysPastDue = faker.number.int({ min: 1, max: 120 });
      const installmentsDue = Math.ceil(daysPastDue / 30);
      const amountDue = installment * installmentsDue + rupiah(faker, 25_000, 150_000, 5_000) * installmentsDue;
      yield {
        account_no: accountNo(n, index),
        debtor_name: faker.person.fullName(),
        address: `${faker.location.streetAddress()}, ${faker.location.city()}`,
        phone: `08${faker.string.numeric(10)}`,
        product: PRODUCTS[index % PRODUCTS.length],
        installment,
        outstanding: installment * faker.number.int({ min: installmentsDue + 2, max: 36 }),
        amount_due: amountDue,
        days_past_due: daysPastDue,
        branch_code: branch.code,
        latitude: (branch.latitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6),
        longitude: (branch.longitude + faker.number.float({ min: -0.06, max: 0.06 })).toFixed(6),
      };
    }
  }
}

function* assignmentRows(plan: CoreLoadPlan): Generator<Row> {
  for (let n = 1; n <= plan.collectors; n += 1) {
    for (let index = 1; index <= plan.accountsPerCollector; index += 1) {
      yield { work_date: plan.workDate, employee_code: generatedEmployeeCode(n, plan.employeeCodePrefix), account_no: accountNo(n, index), visit_order: index };
    }
  }
}

async function writeFile(dir: string, table: CoreFileTable, rows: Iterable<Row>): Promise<string> {
  const path = join(dir, CORE_FILE_NAMES[table]);
  const columns = CORE_FILE_COLUMNS[table].map((column) => column.name);
  await pipeline(Readable.from(rows), stringify({ header: true, columns }), createWriteStream(path));
  return path;
}

/**
 * Writes a realistic Indonesian load (names, addresses, phone numbers, rupiah
 * amounts) as the three inbound files, streaming, so 800,000 rows never sit in
 * memory. The same plan gives the same files.
 */
export async function generateCoreLoad(plan: CoreLoadPlan, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  // Loaded here, not with the module: faker is a development dependency, and the reader shares this lib with the services.
  const { fakerID_ID: faker } = await import('@faker-js/faker');
  faker.seed(plan.seed ?? 20261202);
  return [
    await writeFile(dir, 'collector', collectorRows(faker, plan)),
    await writeFile(dir, 'account', accountRows(faker, plan)),
    await writeFile(dir, 'assignment', assignmentRows(plan)),
  ];
}
