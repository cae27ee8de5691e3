import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { CoreActorRequest, CoreLoadErrorView, CoreLoadQuery, CoreLoadRef, CoreLoadView, CoreRowChunk, NewCoreLoad } from './core-load.js';

/** What admins ask of core loads, answered by the collector service (which checks the admin and audits). */
export const CoreMessages = {
  listLoads: defineMessage<CoreActorRequest<CoreLoadQuery>, Page<CoreLoadView>>('collector', 'core-loads.list'),
  /** A not-found problem for an unknown load. */
  getLoad: defineMessage<CoreActorRequest<CoreLoadRef>, CoreLoadView>('collector', 'core-loads.get'),
  loadErrors: defineMessage<CoreActorRequest<CoreLoadRef & { limit: number; offset: number }>, Page<CoreLoadErrorView>>('collector', 'core-loads.errors'),
  /** An applied load with the same kind, work date and content hash answers in place of a new one. */
  beginLoad: defineMessage<CoreActorRequest<NewCoreLoad>, CoreLoadView>('collector', 'core-loads.begin'),
  appendRows: defineMessage<CoreActorRequest<CoreRowChunk>, { received: number }>('collector', 'core-loads.append-rows'),
  markReady: defineMessage<CoreActorRequest<CoreLoadRef>, CoreLoadView>('collector', 'core-loads.mark-ready'),
  /** A held load applied anyway: its good rows, leaving the bad ones listed. */
  acceptLoad: defineMessage<CoreActorRequest<CoreLoadRef>, CoreLoadView>('collector', 'core-loads.accept'),
} as const;

/** The same, to the database service, which owns the tables and the bridge. */
export const CoreLoadStore = {
  list: defineMessage<CoreLoadQuery, Page<CoreLoadView>>('database', 'core-loads.list'),
  get: defineMessage<CoreLoadRef, CoreLoadView | null>('database', 'core-loads.get'),
  errors: defineMessage<CoreLoadRef & { limit: number; offset: number }, Page<CoreLoadErrorView>>('database', 'core-loads.errors'),
  begin: defineMessage<NewCoreLoad & { actorId: string }, CoreLoadView>('database', 'core-loads.begin'),
  appendRows: defineMessage<CoreRowChunk, { received: number }>('database', 'core-loads.append-rows'),
  /** Marks a `loading` load ready and starts the bridge on it at once, without waiting for it. */
  markReady: defineMessage<CoreLoadRef & { actorId: string }, CoreLoadView>('database', 'core-loads.mark-ready'),
  accept: defineMessage<CoreLoadRef & { actorId: string }, CoreLoadView>('database', 'core-loads.accept'),
} as const;
