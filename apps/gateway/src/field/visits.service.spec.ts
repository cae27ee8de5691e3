import { beforeEach, describe, expect, it } from '@jest/globals';
import { FieldMessages, type SessionCheckRequest, type VisitOutcome } from '#libs/contract';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { VisitsService } from './visits.service.js';

const COLLECTOR: SessionCheckRequest = { userId: 'collector-1', role: 'collector', deviceId: 'device-1' };
const ASSIGNMENT = '6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

function visit(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    assignmentId: ASSIGNMENT,
    resultCode: 'REFUSED',
    visitedAt: '2026-11-28T09:30:00+07:00',
    location: { lat: -6.2, lng: 106.8, accuracy: 8 },
    photos: [],
    ...overrides,
  };
}

const ids = ['0b6f1f8e-1d2c-4a3b-9c4d-5e6f7a8b9c01', '0b6f1f8e-1d2c-4a3b-9c4d-5e6f7a8b9c02', '0b6f1f8e-1d2c-4a3b-9c4d-5e6f7a8b9c03'];

describe('VisitsService (gateway)', () => {
  let messages: FakeMessageClient;
  let visits: VisitsService;

  beforeEach(() => {
    messages = new FakeMessageClient().answer(FieldMessages.submitVisits, ({ visits: sent }) =>
      sent.map((v): VisitOutcome => ({ id: v.id, status: 'created' })),
    );
    visits = new VisitsService(messages);
  });

  it("answers a malformed visit rejected in its place, naming its fields, and sends only the well-formed ones on, with the caller's identity", async () => {
    const reply = await visits.submit(COLLECTOR, [visit(ids[0]), visit(ids[1], { resultCode: 7, photos: ['not-a-hash'] }), visit(ids[2])]);
    expect(reply.results.map((result) => [result.id, result.status])).toEqual([
      [ids[0], 'created'],
      [ids[1], 'rejected'],
      [ids[2], 'created'],
    ]);
    const fields = reply.results[1].errors?.map((issue) => `${issue.field}:${issue.code}`);
    expect(fields).toContain('resultCode:invalid');
    expect(fields?.some((field) => field.startsWith('photos') && field.endsWith(':invalid'))).toBe(true);
    const [request] = messages.requestsOf(FieldMessages.submitVisits);
    expect(request.session).toEqual(COLLECTOR);
    expect(request.visits.map((v) => v.id)).toEqual([ids[0], ids[2]]);
  });

  it('refuses a field the contract does not know, and a visit without an id is answered with id null', async () => {
    const reply = await visits.submit(COLLECTOR, [visit(ids[0], { debtorMood: 'angry' }), { resultCode: 'REFUSED' }]);
    expect(reply.results[0]).toMatchObject({ id: ids[0], status: 'rejected', errors: [expect.objectContaining({ field: 'debtorMood', code: 'invalid' })] });
    expect(reply.results[1]).toMatchObject({ id: null, status: 'rejected' });
    expect(messages.sent).toEqual([]);
  });
});
