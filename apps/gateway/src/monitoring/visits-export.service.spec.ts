import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Actor, MessageDef, Page, VisitsRequest, VisitSummary } from '#libs/contract';
import type { MessageClient } from '#libs/transport';
import { VisitsExportService } from './visits-export.service.js';

const actor: Actor = { userId: 'u1', username: 'supervisor1', role: 'supervisor', branchId: 'b1', deviceId: null };

function visit(n: number, overrides: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id: `visit-${n}`,
    workDate: '2026-11-28',
    visitedAt: '2026-11-28T03:00:00.000Z',
    receivedAt: '2026-11-28T03:05:00.000Z',
    resultCode: 'PAID',
    branchCode: 'JKT01',
    collector: { id: 'c1', username: 'collector1', fullName: 'Agus Setiawan' },
    account: { id: `a${n}`, contractNo: `K-${n}`, debtorName: `Debtor ${n}` },
    payment: { amount: 1_250_000, receiptNo: `KWJ1${String(n).padStart(6, '0')}` },
    promise: null,
    location: { lat: -6.2, lng: 106.8, accuracy: 7 },
    notes: null,
    photosExpected: 1,
    photosMissing: 0,
    ...overrides,
  };
}

/** The collector service at the edge of this unit: answers pages of a fixed list of visits, recording each request. */
function collectorWith(visits: VisitSummary[]) {
  const requests: VisitsRequest[] = [];
  const client = {
    send: (_message: MessageDef<VisitsRequest, Page<VisitSummary>>, request: VisitsRequest): Promise<Page<VisitSummary>> => {
      requests.push(request);
      return Promise.resolve({
        items: visits.slice(request.offset, request.offset + request.limit),
        total: visits.length,
        limit: request.limit,
        offset: request.offset,
      });
    },
  };
  return { client: client as unknown as MessageClient, requests };
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

describe('VisitsExportService', () => {
  it('writes a header and one row per visit, quoting what needs it', async () => {
    const tricky = visit(1, {
      account: { id: 'a1', contractNo: 'K-1', debtorName: 'Hartono, "Pak" Budi' },
      notes: 'Janji besok\nbaris kedua; ada koma, juga',
      promise: { date: '2026-11-30', amount: 500_000 },
      payment: null,
      location: null,
    });
    const { client } = collectorWith([tricky, visit(2)]);
    const csv = await text(await new VisitsExportService(client).open(actor, { from: '2026-11-28' }));
    const rows = parse<Record<string, string>>(csv, { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      visitId: 'visit-1',
      workDate: '2026-11-28',
      visitedAt: '2026-11-28T03:00:00.000Z',
      branch: 'JKT01',
      collector: 'collector1',
      collectorName: 'Agus Setiawan',
      contractNo: 'K-1',
      debtorName: 'Hartono, "Pak" Budi',
      resultCode: 'PAID',
      paymentAmount: '',
      receiptNo: '',
      promiseDate: '2026-11-30',
      promiseAmount: '500000',
      lat: '',
      lng: '',
      accuracyM: '',
      photosExpected: '1',
      photosMissing: '0',
      notes: 'Janji besok\nbaris kedua; ada koma, juga',
      receivedAt: '2026-11-28T03:05:00.000Z',
    });
    expect(rows[1]).toMatchObject({ paymentAmount: '1250000', receiptNo: 'KWJ1000002', lat: '-6.2', lng: '106.8', accuracyM: '7' });
  });

  it('keeps a cell that a spreadsheet would run as a formula as text', async () => {
    const { client } = collectorWith([visit(1, { notes: '=HYPERLINK("http://x")' }), visit(2, { notes: '@SUM(A1)' })]);
    const rows = parse<Record<string, string>>(await text(await new VisitsExportService(client).open(actor, {})), { columns: true });
    expect(rows.map((row) => row.notes)).toEqual([`'=HYPERLINK("http://x")`, `'@SUM(A1)`]);
    expect(rows[0].lat).toBe('-6.2');
  });

  it('streams every page in order with the same filters and scope', async () => {
    const visits = Array.from({ length: 1203 }, (_, n) => visit(n));
    const { client, requests } = collectorWith(visits);
    const rows = parse<Record<string, string>>(await text(await new VisitsExportService(client).open(actor, { resultCode: 'PAID', branchCode: 'JKT01' })), {
      columns: true,
    });
    expect(rows.map((row) => row.visitId)).toEqual(visits.map((v) => v.id));
    expect(requests.map((request) => request.offset)).toEqual([0, 500, 1000]);
    expect(requests.every((request) => request.actor === actor && request.resultCode === 'PAID' && request.branchCode === 'JKT01')).toBe(true);
  });

  it('answers only the header for no visits, and fails before streaming when the first page is refused', async () => {
    const { client } = collectorWith([]);
    expect(await text(await new VisitsExportService(client).open(actor, {}))).toBe(
      'visitId,workDate,visitedAt,branch,collector,collectorName,contractNo,debtorName,resultCode,paymentAmount,receiptNo,promiseDate,promiseAmount,lat,lng,accuracyM,photosExpected,photosMissing,notes,receivedAt\n',
    );
    const refusing = { send: async () => Promise.reject(new Error('outside your branch')) } as unknown as MessageClient;
    await expect(new VisitsExportService(refusing).open(actor, {})).rejects.toThrow('outside your branch');
  });
});
