import { describe, expect, it } from '@jest/globals';
import { agrees, reconcile } from './reconciliation.js';

const server = { totals: { visitCount: 2, paidAmount: 500_000, promisedAmount: 0 }, visitIds: ['v1', 'v2'] };

describe('reconcile', () => {
  it('agrees when ids and totals match, in any order', () => {
    const result = reconcile({ visitCount: 2, paidAmount: 500_000, promisedAmount: 0, visitIds: ['v2', 'v1'] }, server);
    expect(result).toEqual({ missingOnServer: [], unknownToPhone: [], differences: [] });
    expect(agrees(result)).toBe(true);
  });

  it('names visits missing on either side and every differing total', () => {
    const result = reconcile({ visitCount: 2, paidAmount: 400_000, promisedAmount: 10, visitIds: ['v1', 'v3'] }, server);
    expect(result).toEqual({
      missingOnServer: ['v3'],
      unknownToPhone: ['v2'],
      differences: [
        { field: 'paidAmount', phone: 400_000, server: 500_000 },
        { field: 'promisedAmount', phone: 10, server: 0 },
      ],
    });
    expect(agrees(result)).toBe(false);
  });

  it('does not agree on equal ids with a wrong count', () => {
    expect(agrees(reconcile({ visitCount: 3, paidAmount: 500_000, promisedAmount: 0, visitIds: ['v1', 'v2'] }, server))).toBe(false);
  });
});
