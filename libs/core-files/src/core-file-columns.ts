/** The three row tables of an inbound load, in the order they are applied. */
export type CoreFileTable = 'collector' | 'account' | 'assignment';

export interface CoreFileColumn {
  name: string;
  kind: 'text' | 'integer';
  /** A file may leave the column out; its cells are then empty. */
  optional?: boolean;
}

/**
 * The columns of each inbound file, named as the interface table's columns;
 * a file's header row names them, in any order, and must name all but the
 * optional ones.
 */
export const CORE_FILE_COLUMNS: Record<CoreFileTable, CoreFileColumn[]> = {
  collector: [
    { name: 'employee_code', kind: 'text' },
    { name: 'full_name', kind: 'text' },
    { name: 'branch_code', kind: 'text' },
    { name: 'active', kind: 'integer' },
    { name: 'password_hash', kind: 'text', optional: true },
  ],
  account: [
    { name: 'account_no', kind: 'text' },
    { name: 'debtor_name', kind: 'text' },
    { name: 'address', kind: 'text' },
    { name: 'phone', kind: 'text' },
    { name: 'product', kind: 'text', optional: true },
    { name: 'installment', kind: 'integer' },
    { name: 'outstanding', kind: 'integer' },
    { name: 'amount_due', kind: 'integer' },
    { name: 'days_past_due', kind: 'integer' },
    { name: 'branch_code', kind: 'text' },
    { name: 'latitude', kind: 'text', optional: true },
    { name: 'longitude', kind: 'text', optional: true },
  ],
  assignment: [
    { name: 'work_date', kind: 'text' },
    { name: 'employee_code', kind: 'text' },
    { name: 'account_no', kind: 'text' },
    { name: 'visit_order', kind: 'integer' },
  ],
};

/** The file each table is written to and read from: `collectors.csv`, `accounts.csv`, `assignments.csv`. */
export const CORE_FILE_NAMES: Record<CoreFileTable, string> = {
  collector: 'collectors.csv',
  account: 'accounts.csv',
  assignment: 'assignments.csv',
};

export const CORE_FILE_TABLES: CoreFileTable[] = ['collector', 'account', 'assignment'];

/** The table a file is for, by its name (`accounts.csv`, `2026-12-02-accounts.csv`), or undefined. */
export function coreTableOfFile(fileName: string): CoreFileTable | undefined {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  return CORE_FILE_TABLES.find((table) => base.endsWith(CORE_FILE_NAMES[table]));
}
