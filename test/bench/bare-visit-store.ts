import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import type { RunningSystem } from '../support/system-harness.js';
import { freePorts } from '../support/free-ports.js';

/** A visit as the load generator sends it. */
interface BareVisit {
  id: string;
  assignmentId: string;
  resultCode: string;
  visitedAt: string;
  location?: { lat: number; lng: number; accuracy: number };
  notes?: string;
  payment?: { amount: number; receiptNo: string };
  promise?: { date: string; amount: number };
  photos: string[];
}

export interface BareVisitStore {
  url: string;
  close(): Promise<void>;
}

/**
 * The floor a visit upload is measured against: a bare Node HTTPS server
 * (the gateway's certificate) that stores each request's visits in
 * better-sqlite3 with prepared statements, WAL and synchronous=FULL, one
 * commit per request, and answers `created` for each. No rules, no hops,
 * no framework: what the machine does for the same bytes and fsyncs.
 */
export async function startBareVisitStore(system: RunningSystem): Promise<BareVisitStore> {
  const folder = mkdtempSync(join(system.dataDir, 'bare-visits-'));
  const db = new Database(join(folder, 'visits.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE visit (id TEXT PRIMARY KEY, assignment_id TEXT NOT NULL, result_code TEXT NOT NULL, visited_at TEXT NOT NULL,
      latitude REAL, longitude REAL, accuracy_m INTEGER, notes TEXT, content TEXT NOT NULL, received_at TEXT NOT NULL);
    CREATE TABLE visit_photo (visit_id TEXT NOT NULL, position INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY (visit_id, position));
    CREATE TABLE payment (visit_id TEXT PRIMARY KEY, receipt_no TEXT NOT NULL UNIQUE, amount INTEGER NOT NULL);
    CREATE TABLE promise_to_pay (visit_id TEXT PRIMARY KEY, promised_date TEXT NOT NULL, amount INTEGER NOT NULL);
  `);
  const insertVisit = db.prepare(
    'INSERT INTO visit (id, assignment_id, result_code, visited_at, latitude, longitude, accuracy_m, notes, content, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPhoto = db.prepare('INSERT INTO visit_photo (visit_id, position, sha256) VALUES (?, ?, ?)');
  const insertPayment = db.prepare('INSERT INTO payment (visit_id, receipt_no, amount) VALUES (?, ?, ?)');
  const insertPromise = db.prepare('INSERT INTO promise_to_pay (visit_id, promised_date, amount) VALUES (?, ?, ?)');
  const storeAll = db.transaction((visits: BareVisit[], receivedAt: string) => {
    for (const visit of visits) {
      const { location } = visit;
      insertVisit.run(
        visit.id,
        visit.assignmentId,
        visit.resultCode,
        visit.visitedAt,
        location?.lat ?? null,
        location?.lng ?? null,
        location ? Math.round(location.accuracy) : null,
        visit.notes ?? null,
        JSON.stringify(visit),
        receivedAt,
      );
      visit.photos.forEach((sha256, position) => insertPhoto.run(visit.id, position, sha256));
      if (visit.payment) insertPayment.run(visit.id, visit.payment.receiptNo, visit.payment.amount);
      if (visit.promise) insertPromise.run(visit.id, visit.promise.date, visit.promise.amount);
    }
  });
  const tls = join(system.dataDir, 'tls');
  const server = createServer({ cert: readFileSync(join(tls, 'gateway.crt')), key: readFileSync(join(tls, 'gateway.key')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { visits } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { visits: BareVisit[] };
      const receivedAt = new Date().toISOString();
      storeAll(visits, receivedAt);
      const body = JSON.stringify({ results: visits.map((visit) => ({ id: visit.id, status: 'created' })) });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  const [port] = await freePorts(1);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${port}/api/v1/visits`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
