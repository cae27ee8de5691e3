import { defineMessage } from '../message.js';
import type { EmptyRequest, StatusReply } from './service-status.js';

/** Every service answers its own status message; it doubles as the health check. */
export const SystemMessages = {
  collectorStatus: defineMessage<EmptyRequest, StatusReply>('collector', 'system.get-status'),
  databaseStatus: defineMessage<EmptyRequest, StatusReply>('database', 'system.get-status'),
  mediaStatus: defineMessage<EmptyRequest, StatusReply>('media', 'system.get-status'),
  otaStatus: defineMessage<EmptyRequest, StatusReply>('ota', 'system.get-status'),
} as const;
