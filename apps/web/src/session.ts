import type { LoginReply, SignedInUser } from './api/types.js';

export interface Session {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

const STORAGE_KEY = 'monitoring.session';

/** The stored session, unless it has expired: the page never shows a token the server would refuse by its age. */
export function storedSession(storage: Storage, now = Date.now()): Session | null {
  try {
    const session = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    if (!session || Date.parse(session.expiresAt) <= now) return null;
    return session;
  } catch {
    return null;
  }
}

export function storeSession(storage: Storage, reply: LoginReply): Session {
  const session = { token: reply.accessToken, expiresAt: reply.expiresAt, user: reply.user };
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function forgetSession(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
