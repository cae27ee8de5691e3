import { describe, expect, it } from '@jest/globals';
import { assignment, openDay } from '../../../../test/support/collection-days.js';
import { renderWorklist } from './worklist-document.renderer.js';

const render = (day = openDay()) => renderWorklist(day.batch, day);
const viewOf = (day = openDay()) => JSON.parse(render(day).body);

describe('renderWorklist', () => {
  it("renders the day's LKH without account ids, only active result codes and the active receipt range", () => {
    const { etag, body } = render();
    const view = JSON.parse(body);
    expect(view).toEqual({
      workDate: '2026-11-28',
      batch: openDay().batch,
      assignments: [1, 2].map((n) => {
        const { accountId: _accountId, ...shown } = assignment(n);
        return shown;
      }),
      resultCodes: [
        { code: 'PAID', label: 'Paid', requires: { payment: true, promise: false, gps: true, minPhotos: 1 } },
        { code: 'REFUSED', label: 'Refused', requires: { payment: false, promise: false, gps: false, minPhotos: 0 } },
      ],
      receiptRange: { prefix: 'KWJ1', from: 1, to: 500 },
      syncToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(etag).toBe(`"${view.syncToken}"`);
    expect(body).not.toContain('account-');
    expect(Object.keys(view)).toEqual(['workDate', 'batch', 'assignments', 'resultCodes', 'receiptRange', 'syncToken']);
  });

  it('offers no receipt range when none is active', () => {
    expect(viewOf(openDay({ receiptRanges: [{ prefix: 'KWJ0', from: 1, to: 100, active: false }] })).receiptRange).toBeNull();
  });

  it('keeps its tag while nothing the phone sees changes, and changes it when anything does', () => {
    const first = render().etag;
    expect(render().etag).toBe(first);
    expect(render(openDay({ assignments: [assignment(1), { ...assignment(2), accountId: 'account-moved' }] })).etag).toBe(first);

    const paidDown = render(openDay({ assignments: [assignment(1), { ...assignment(2), amountDue: 1_500_000 }] })).etag;
    expect(paidDown).not.toBe(first);
    const newRange = render(openDay({ receiptRanges: [{ prefix: 'KWJ2', from: 1, to: 500, active: true }] })).etag;
    expect(new Set([first, paidDown, newRange]).size).toBe(3);
  });
});
