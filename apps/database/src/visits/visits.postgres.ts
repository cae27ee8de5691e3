import type { EntityManager } from 'typeorm';
import type { SessionCheckRequest } from '#libs/contract';
import { SqlDialect } from '../persistence/sql.dialect.js';
import { SESSION_ROW, type SessionRow } from '../users/session-records.js';
import type { AssignedAccountRow, NamedByVisits, OpenBatchRow, ReceiptRangeRow, ResultCodeRow, StoredVisitRecord } from './visits.repository.js';

/** The session's and the open day's rows, each list as JSON: null where nothing matched. */
interface OpenDayRows {
  session: SessionRow | null;
  batch: OpenBatchRow | null;
  accounts: AssignedAccountRow[] | null;
  codes: ResultCodeRow[] | null;
  ranges: ReceiptRangeRow[] | null;
}

/**
 * The open batch and its branch are read and locked as `lockOpenBatch` does
 * it; the session's user and phone and the other lists come along in the
 * same statement, each aggregated to one JSON value, so an upload reads its
 * day in one round trip.
 */
const OPEN_DAY =
  'WITH open_batch AS (' +
  'SELECT b.id AS id, b.worklist_id AS worklist_id, b.work_date AS work_date, br.id AS branch_id, br.code AS branch_code, u.username AS username ' +
  'FROM batch b INNER JOIN app_user u ON u.id = b.collector_id LEFT JOIN worklist w ON w.id = b.worklist_id ' +
  'LEFT JOIN branch br ON br.id = COALESCE(w.branch_id, u.branch_id) ' +
  "WHERE b.collector_id = :collectorId AND b.status = 'open' FOR KEY SHARE OF b) " +
  `SELECT (SELECT row_to_json(s) FROM (${SESSION_ROW}) s) AS session, ` +
  '(SELECT row_to_json(o) FROM open_batch o LIMIT 1) AS batch, ' +
  '(SELECT json_agg(json_build_object(' +
  "'id', a.id, 'account_id', a.account_id, 'contract_no', ac.contract_no)) FROM assignment a INNER JOIN account ac ON ac.id = a.account_id " +
  'WHERE a.worklist_id = (SELECT o.worklist_id FROM open_batch o LIMIT 1) AND a.id = ANY(CAST(:assignmentIds AS text[]))) AS accounts, ' +
  '(SELECT json_agg(c) FROM (SELECT code, label, requires_payment, requires_promise, requires_gps, min_photos, active FROM result_code ' +
  'WHERE code = ANY(CAST(:codes AS text[]))) c) AS codes, ' +
  '(SELECT json_agg(r) FROM (SELECT prefix, from_no, to_no, active FROM receipt_range ' +
  'WHERE collector_id = :collectorId AND CAST(:withPayment AS boolean)) r) AS ranges';

/** The session's user and phone, and the collector's open batch, locked shared, with what the upload's visits name of its day, in one statement. */
export async function readOpenDayOnPostgres(manager: EntityManager, session: SessionCheckRequest, named: NamedByVisits): Promise<OpenDayRows> {
  const { assignmentIds, codes, withPayment } = named;
  const { userId, deviceId } = session;
  const [rows] = await new SqlDialect(manager).runPrepared<OpenDayRows>(OPEN_DAY, { userId, deviceId, collectorId: userId, assignmentIds, codes, withPayment });
  return rows;
}

interface TakenRow {
  id: string | null;
  content: string | null;
  content_hash: string | null;
  collector_id: string | null;
  batch_id: string | null;
  received_at: Date | null;
  receipt_no: string | null;
}

/** Stored visits and taken receipts in one statement: the visit columns are null on a receipt's row, and the other way round. */
const TAKEN =
  'SELECT v.id AS id, v.content AS content, v.content_hash AS content_hash, v.collector_id AS collector_id, v.batch_id AS batch_id, ' +
  'v.received_at AS received_at, CAST(NULL AS text) AS receipt_no FROM visit v WHERE v.id = ANY(CAST(:ids AS text[])) ' +
  'UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, p.receipt_no FROM payment p WHERE p.receipt_no = ANY(CAST(:receiptNos AS text[]))';

/**
 * The visits stored under these ids and those of these receipt numbers that a stored payment carries, as of one
 * moment. Planned afresh on every run, never prepared: a plan kept from the first uploads, when the tables were
 * nearly empty, scans them whole as they fill.
 */
export async function readTakenOnPostgres(
  manager: EntityManager,
  ids: string[],
  receiptNos: string[],
): Promise<{ visits: StoredVisitRecord[]; receipts: string[] }> {
  const rows = await new SqlDialect(manager).run<TakenRow>(TAKEN, { ids, receiptNos });
  const visits: StoredVisitRecord[] = [];
  const receipts: string[] = [];
  for (const row of rows) {
    if (row.receipt_no !== null) receipts.push(row.receipt_no);
    else
      visits.push({
        id: row.id!,
        content: row.content!,
        contentHash: row.content_hash!,
        collectorId: row.collector_id!,
        batchId: row.batch_id!,
        receivedAt: row.received_at!,
      });
  }
  return { visits, receipts };
}
