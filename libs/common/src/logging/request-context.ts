import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
  /** The app handling the request: in one-process mode several apps share the process and its loggers. */
  app?: string;
}

/** Carries the current request id through async calls, across every hop of a request. */
const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestId<T>(requestId: string, work: () => T, app?: string): T {
  return storage.run({ requestId, app }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID_FORMAT = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's request id when it is well formed, otherwise makes one. */
export function acceptOrCreateRequestId(candidate: unknown): string {
  return typeof candidate === 'string' && REQUEST_ID_FORMAT.test(candidate) ? candidate : randomUUID();
}
