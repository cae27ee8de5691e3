import { CORE_ROW_TABLES } from '#libs/contract';
import type { SqlDialect, SqlParameters } from '../../persistence/sql.dialect.js';

export type CoreRowTable = 'collector' | 'account' | 'assignment';

/**
 * One rule a row of a load must keep. `broken` is an SQL condition on the row
 * `r` (parameters `:load`, `:workDate`); the message says what the rule is,
 * never what the row holds, so error lists carry no personal data.
 */
export interface CoreRowCheck {
  table: CoreRowTable;
  field: string;
  code: string;
  message: string;
  broken: string;
  /** The rule reads the row's own values and no other table. */
  ownValues?: true;
}

/** A row of `table` that broke no rule: the rows the bridge applies. */
export function validRow(table: CoreRowTable, alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM core_load_error e WHERE e.load_id = ${alias}.load_id ` + `AND e.table_name = '${table}' AND e.row_no = ${alias}.row_no)`;
}

/**
 * The row repeats an earlier row's key: it is not the first of the load's rows
 * with that key. The rows past the first of each key are numbered out in one
 * pass over the key's index, and the few found are then looked up by row; asked
 * row by row (the first row with the row's key), it was one index lookup for
 * each of 800,000 rows. A row whose key has an empty part repeats nothing, as an
 * equality never holds on it.
 */
const repeatsEarlierRow = (table: string, key: string[]) =>
  `r.row_no IN (SELECT d.row_no FROM (SELECT row_no, ROW_NUMBER() OVER (PARTITION BY ${key.join(', ')} ORDER BY row_no) AS nth ` +
  `FROM ${table} WHERE load_id = :load AND ${key.map((column) => `${column} IS NOT NULL`).join(' AND ')}) d WHERE d.nth > 1)`;
const blank = (column: string) => `(r.${column} IS NULL OR TRIM(r.${column}) = '')`;
const notWholeAmount = (column: string) => `(r.${column} IS NULL OR r.${column} < 0)`;
const ownValues = true as const;

/**
 * Every rule, in the order they are checked: collectors first, then accounts,
 * then assignments, which may name only collectors and accounts that passed.
 * Of the rules on one field, the first broken one is recorded.
 */
function coreRowChecks(sql: SqlDialect): CoreRowCheck[] {
  const validCollectorRow = (code: string, also = '') =>
    `EXISTS (SELECT 1 FROM core_collector_row c WHERE c.load_id = r.load_id AND c.employee_code = ${code} ${also} AND ${validRow('collector', 'c')})`;
  return [
    { table: 'collector', field: 'employee_code', code: 'required', message: 'An employee code is required', broken: blank('employee_code'), ownValues },
    {
      table: 'collector',
      field: 'employee_code',
      code: 'duplicate',
      message: 'The employee code appears on an earlier row of this load',
      broken: repeatsEarlierRow('core_collector_row', ['employee_code']),
    },
    {
      table: 'collector',
      field: 'employee_code',
      code: 'username-taken',
      message: 'Another user already has the username this employee code gives',
      broken: 'EXISTS (SELECT 1 FROM app_user u WHERE u.username = LOWER(r.employee_code) AND (u.employee_code IS NULL OR u.employee_code <> r.employee_code))',
    },
    {
      table: 'collector',
      field: 'employee_code',
      code: 'not-a-collector',
      message: 'The employee code belongs to a supervisor or an admin',
      broken: "EXISTS (SELECT 1 FROM app_user u WHERE u.employee_code = r.employee_code AND u.role <> 'collector')",
    },
    { table: 'collector', field: 'full_name', code: 'required', message: 'A name is required', broken: blank('full_name'), ownValues },
    {
      table: 'collector',
      field: 'branch_code',
      code: 'unknown-branch',
      message: 'No branch has this code',
      broken: 'NOT EXISTS (SELECT 1 FROM branch b WHERE b.code = r.branch_code)',
    },
    {
      table: 'collector',
      field: 'active',
      code: 'invalid',
      message: 'Active must be 1 or 0',
      broken: '(r.active IS NULL OR r.active NOT IN (0, 1))',
      ownValues,
    },
    {
      table: 'collector',
      field: 'password_hash',
      code: 'invalid',
      message: 'A password hash must be in the scrypt format this system stores',
      broken: "(r.password_hash IS NOT NULL AND r.password_hash NOT LIKE 'scrypt$%')",
      ownValues,
    },

    { table: 'account', field: 'account_no', code: 'required', message: 'An account number is required', broken: blank('account_no'), ownValues },
    {
      table: 'account',
      field: 'account_no',
      code: 'duplicate',
      message: 'The account number appears on an earlier row of this load',
      broken: repeatsEarlierRow('core_account_row', ['account_no']),
    },
    { table: 'account', field: 'debtor_name', code: 'required', message: "The debtor's name is required", broken: blank('debtor_name'), ownValues },
    { table: 'account', field: 'address', code: 'required', message: 'An address is required', broken: blank('address'), ownValues },
    { table: 'account', field: 'phone', code: 'required', message: 'A phone number is required', broken: blank('phone'), ownValues },
    ...(['installment', 'outstanding', 'amount_due'] as const).map((field) => ({
      table: 'account' as const,
      field,
      code: 'invalid',
      message: 'Must be a whole number of rupiah, zero or more',
      broken: notWholeAmount(field),
      ownValues,
    })),
    {
      table: 'account',
      field: 'days_past_due',
      code: 'invalid',
      message: 'Must be a whole number of days, zero or more',
      broken: notWholeAmount('days_past_due'),
      ownValues,
    },
    {
      table: 'account',
      field: 'branch_code',
      code: 'unknown-branch',
      message: 'No branch has this code',
      broken: 'NOT EXISTS (SELECT 1 FROM branch b WHERE b.code = r.branch_code)',
    },

    {
      table: 'assignment',
      field: 'work_date',
      code: 'wrong-work-date',
      message: "The work date differs from the load's",
      broken: '(r.work_date IS NULL OR r.work_date <> :workDate)',
      ownValues,
    },
    {
      table: 'assignment',
      field: 'employee_code',
      code: 'unknown-collector',
      message: 'No active collector has this employee code',
      // Known and active: by a good collector row of this load, or else by the users already here.
      broken:
        `NOT (${validCollectorRow('r.employee_code', 'AND c.active = 1')} OR (NOT ${validCollectorRow('r.employee_code')} ` +
        `AND EXISTS (SELECT 1 FROM app_user u WHERE u.employee_code = r.employee_code AND u.role = 'collector' ` +
        `AND u.active = ${sql.true} AND u.branch_id IS NOT NULL)))`,
    },
    {
      table: 'assignment',
      field: 'account_no',
      code: 'unknown-account',
      message: 'No account has this number, in this load or before it',
      broken:
        `NOT EXISTS (SELECT 1 FROM core_account_row a WHERE a.load_id = r.load_id AND a.account_no = r.account_no AND ${validRow('account', 'a')}) ` +
        'AND NOT EXISTS (SELECT 1 FROM account a WHERE a.contract_no = r.account_no)',
    },
    {
      table: 'assignment',
      field: 'account_no',
      code: 'duplicate',
      message: "The account appears on an earlier row of this collector's list",
      broken: repeatsEarlierRow('core_assignment_row', ['employee_code', 'account_no']),
    },
    {
      table: 'assignment',
      field: 'visit_order',
      code: 'invalid',
      message: 'The visit order must be 1 or more',
      broken: '(r.visit_order IS NULL OR r.visit_order < 1)',
      ownValues,
    },
  ];
}

/**
 * Records every row of the load that breaks a rule, table by table. The rules
 * on a row's own values are first asked of each table in one read: where none
 * is broken, the usual case, their statements (each a read of the whole
 * table) are skipped. A rule that looks into another table keeps its own
 * statement, which the engine runs as one join; asked among the others, it
 * would be a lookup per row.
 */
export async function recordBrokenRows(sql: SqlDialect, params: SqlParameters): Promise<void> {
  const checks = coreRowChecks(sql);
  for (const table of CORE_ROW_TABLES) {
    const ofTable = checks.filter((check) => check.table === table);
    const ownValuesBroken = ofTable.filter((check) => check.ownValues).map((check) => `(${check.broken})`);
    const anyOwnValueBroken =
      (await sql.count(`SELECT COUNT(*) AS n FROM core_${table}_row r WHERE r.load_id = :load AND (${ownValuesBroken.join(' OR ')})`, params)) > 0;
    for (const check of ofTable) if (anyOwnValueBroken || !check.ownValues) await sql.run(recordBrokenRowsOf(check), params);
  }
}

/** The statement that records the rows breaking `check`, skipping fields that already broke an earlier rule. */
function recordBrokenRowsOf(check: CoreRowCheck): string {
  return (
    'INSERT INTO core_load_error (load_id, table_name, row_no, field, code, message) ' +
    `SELECT r.load_id, '${check.table}', r.row_no, '${check.field}', '${check.code}', '${check.message.replace(/'/g, "''")}' ` +
    `FROM core_${check.table}_row r WHERE r.load_id = :load AND (${check.broken}) ` +
    `AND NOT EXISTS (SELECT 1 FROM core_load_error e WHERE e.load_id = r.load_id AND e.table_name = '${check.table}' ` +
    `AND e.row_no = r.row_no AND e.field = '${check.field}')`
  );
}
