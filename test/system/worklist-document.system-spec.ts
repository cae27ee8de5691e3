import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { workDateOf } from '#libs/common';
import { accountRow as account, connectAsCore, settledLoad, writeLoadBySql } from '../support/core-loads.js';
import { login, phone, type Phone, type Session } from '../support/demo-users.js';
import { startSystem, SYSTEM_START_TIMEOUT_MS, type RunningSystem, type SystemMode } from '../support/system-harness.js';
import { testEngines, type TestEngine } from '../support/test-database.js';

const today = () => workDateOf(new Date(), 'Asia/Jakarta');

const targets: [SystemMode, TestEngine][] = [...testEngines().map((engine): [SystemMode, TestEngine] => ['single', engine]), ['split', 'sqlite']];

describe.each(targets)('the LKH as a stored document, %s process mode on %s', (mode, engine) => {
  let system: RunningSystem;
  const phones: Record<string, Phone> = {};
  const loginCollector = (username: string): Promise<Session> => {
    phones[username] ??= phone(`doc-${username}-${randomUUID().slice(0, 8)}`);
    return login(system, username, phones[username]);
  };
  const download = (session: Session, headers: Record<string, string> = {}) => system.request('/api/v1/worklist', { token: session.token, headers });

  beforeAll(async () => {
    system = await startSystem({ mode, engine });
  }, SYSTEM_START_TIMEOUT_MS);

  afterAll(async () => {
    await system?.stop();
  });

  it('sends the same bytes on every download, as JSON with the sync token as its strong ETag, and 304 for that tag', async () => {
    const session = await loginCollector('collector1');
    const first = await download(session);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(first.headers.get('etag')).toBe(`"${first.body.syncToken}"`);
    expect(first.body.batch.id).toBe(session.batch!.id);
    const second = await download(session);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-length')).toBe(String(Buffer.byteLength(first.text)));

    const etag = first.headers.get('etag')!;
    for (const held of [etag, `W/${etag}`, `"old", ${etag}`, '*']) {
      const unchanged = await download(session, { 'if-none-match': held });
      expect(unchanged.status).toBe(304);
      expect(unchanged.headers.get('etag')).toBe(etag);
      expect(unchanged.text).toBe('');
    }
    const stale = await download(session, { 'if-none-match': '"old"' });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(first.text);
  });

  it('answers a revalidation as the caller is now: a revoked phone is refused at its very next request, whatever tag it holds', async () => {
    const session = await loginCollector('collector3');
    const etag = (await download(session)).headers.get('etag')!;
    const requestId = `revalidate-${mode}-${engine}`;
    const unchanged = await download(session, { 'if-none-match': etag, 'x-request-id': requestId });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('x-request-id')).toBe(requestId);

    const admin = (await login(system, 'admin')).token;
    const devices = await system.request(`/api/v1/admin/devices?userId=${session.user.id}&status=active`, { token: admin });
    const device = devices.body.items.find((item: { deviceKey: string }) => item.deviceKey === phones.collector3.deviceId);
    expect((await system.request(`/api/v1/admin/devices/${device.id}/revoke`, { method: 'POST', token: admin, json: {} })).status).toBe(200);
    const revoked = await download(session, { 'if-none-match': etag, 'x-request-id': requestId });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('content-type')).toContain('application/problem+json');
    expect(revoked.headers.get('etag')).not.toBe(etag);
    expect(revoked.body).toMatchObject({ code: 'unauthorized', instance: '/api/v1/worklist', requestId });

    const supervisor = await login(system, 'supervisor1');
    const refused = await download(supervisor, { 'if-none-match': etag });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', detail: 'This needs the collector role' });
    const unsigned = await system.request('/api/v1/worklist', { headers: { 'if-none-match': etag } });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('unauthorized');
    const tampered = await download({ ...session, token: `${session.token.slice(0, -4)}AAAA` }, { 'if-none-match': etag });
    expect(tampered.status).toBe(401);
    expect(tampered.body.detail).toBe('The access token is not valid');
  });

  it('keeps the LKH of an open batch through a core reload; the next batch gets the new one', async () => {
    const session = await loginCollector('collector1');
    const before = await download(session);
    const onTheLkh = before.body.assignments[0];
    const id = `doc-${randomUUID()}`;
    await writeLoadBySql(system, {
      id,
      workDate: today(),
      // The load also rewrites an account of the open LKH (another debtor name, amount and outstanding).
      accounts: [account('9300001', 1_100_000), account('9300002', 2_200_000), account(onTheLkh.contractNo, onTheLkh.amountDue + 1)],
      assignments: [
        { work_date: today(), employee_code: 'DEMO0001', account_no: '9300001', visit_order: 1 },
        { work_date: today(), employee_code: 'DEMO0001', account_no: '9300002', visit_order: 2 },
      ],
    });
    expect(await settledLoad(system, (await login(system, 'admin')).token, id)).toMatchObject({ status: 'applied', worklistsChanged: 1 });

    const during = await download(session);
    expect(during.text).toBe(before.text);
    expect((await download(session, { 'if-none-match': before.headers.get('etag')! })).status).toBe(304);
    const resumed = await loginCollector('collector1');
    expect(resumed.batch!.id).toBe(session.batch!.id);
    expect((await download(resumed)).text).toBe(before.text);

    expect((await system.request('/api/v1/device/reset', { method: 'POST', token: session.token })).status).toBe(200);
    expect((await download(session)).status).toBe(409);
    const next = await loginCollector('collector1');
    const after = await download(next);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.body.batch.id).toBe(next.batch!.id);
    expect(after.body.assignments.map((a: { contractNo: string; amountDue: number }) => [a.contractNo, a.amountDue])).toEqual([
      ['9300001', 1_100_000],
      ['9300002', 2_200_000],
    ]);
    expect((await download(next, { 'if-none-match': before.headers.get('etag')! })).status).toBe(200);
  });

  it('downloads the LKH of a batch opened before LKHs were stored, the same bytes as it would have been stored', async () => {
    const session = await loginCollector('collector2');
    const stored = await download(session);
    const core = await connectAsCore(system);
    try {
      await core.run('DELETE FROM worklist_document WHERE collector_id = ?', [session.user.id]);
    } finally {
      await core.close();
    }
    const rendered = await download(session, { 'if-none-match': '"old"' });
    expect(rendered.status).toBe(200);
    expect(rendered.text).toBe(stored.text);
    expect(rendered.headers.get('etag')).toBe(stored.headers.get('etag'));
    expect((await download(session, { 'if-none-match': stored.headers.get('etag')! })).status).toBe(304);
  });
});
