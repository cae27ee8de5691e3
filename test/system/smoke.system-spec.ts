import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { login, phone } from '../support/demo-users.js';
import { receiptNo, sendVisits, uploadPhoto, visitOf, worklistOf } from '../support/field-visits.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem } from '../support/system-harness.js';
import { jpegPhoto, sha256Of } from '../support/test-photos.js';

/**
 * One collection day along the line every request follows, through every app, in both ways of running the
 * system: five processes over signed TCP as in production, and one process as `npm start`. The business
 * suites run in one process only; this proves their line holds on five as well.
 */
describe.each(['split', 'single'] as const)('a collection day in %s mode', (mode) => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ mode });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('logs a collector in, takes a paid visit with its photo, shows it to the supervisor and closes the batch', async () => {
    const collector = await login(system, 'collector1', phone(`smoke-${mode}`));
    expect(collector.reply).toMatchObject({ batch: { status: 'open' }, update: null });
    const [assignment] = (await worklistOf(system, collector)).assignments;

    const bytes = await jpegPhoto(901);
    expect((await uploadPhoto(system, collector.token, bytes)).status).toBe(201);
    const visit = visitOf(assignment.id, 'PAID', { payment: { amount: 1_250_000, receiptNo: receiptNo('KWJ1', 1) }, photos: [sha256Of(bytes)] });
    const sent = await sendVisits(system, collector.token, [visit]);
    expect(sent.body.results).toEqual([expect.objectContaining({ id: visit.id, status: 'created' })]);

    const supervisor = await login(system, 'supervisor1');
    const seen = await system.request(`/api/v1/monitoring/visits/${visit.id}`, { token: supervisor.token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: visit.id, resultCode: 'PAID', payment: visit.payment, photosChecked: true });
    expect(seen.body.photos).toEqual([expect.objectContaining({ sha256: sha256Of(bytes), received: expect.objectContaining({ sha256: sha256Of(bytes) }) })]);

    const close = await system.request('/api/v1/batch/close', {
      method: 'POST',
      token: collector.token,
      json: { visitCount: 1, paidAmount: 1_250_000, promisedAmount: 0, visitIds: [visit.id] },
    });
    expect(close.status).toBe(200);
    expect(close.body).toMatchObject({
      status: 'closed',
      batch: { id: collector.batch!.id, status: 'closed' },
      totals: { visitCount: 1, paidAmount: 1_250_000, promisedAmount: 0 },
    });
  });
});
