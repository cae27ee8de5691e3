import type { RunningSystem } from './system-harness.js';

export const DEMO_PASSWORD = 'Demo-1234';

export interface Phone {
  deviceId: string;
  deviceModel?: string;
  androidSdk: number;
  appVersionCode: number;
}

/** A phone as the app reports itself at login; each test names its own device id. */
export function phone(deviceId: string, overrides: Partial<Phone> = {}): Phone {
  return { deviceId, deviceModel: 'Samsung SM-A125F', androidSdk: 29, appVersionCode: 100, ...overrides };
}

export interface Session {
  token: string;
  user: { id: string; username: string; role: string; branchId: string | null; branchCode: string | null };
  batch: { id: string; workDate: string; status: string } | null;
  reply: any;
}

/** Logs in through the API, as the app or the web page does; fails the test on anything but 200. */
export async function login(system: RunningSystem, username: string, device?: Phone): Promise<Session> {
  const reply = await system.request('/api/v1/auth/login', {
    method: 'POST',
    json: { username, password: DEMO_PASSWORD, ...device },
  });
  if (reply.status !== 200) throw new Error(`login of ${username} answered ${reply.status}: ${reply.text}`);
  return { token: reply.body.accessToken, user: reply.body.user, batch: reply.body.batch, reply: reply.body };
}
