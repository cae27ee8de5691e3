import type { DeviceSummary } from '../collection/admin.messages.js';
import type { Page } from '../collection/paging.js';
import { defineMessage } from '../message.js';
import type { DeviceEnd, DeviceQuery } from './admin.records.js';
import type { BindDeviceRequest, DeviceView } from './session.records.js';

/** The collectors' phones kept by the database service. */
export const DeviceStore = {
  /** Binds the phone to the collector, or refreshes it; a conflict problem when another phone is bound. */
  bind: defineMessage<BindDeviceRequest, DeviceView>('database', 'devices.bind'),
  list: defineMessage<DeviceQuery, Page<DeviceSummary>>('database', 'devices.list'),
  /** Ends a binding (release or revoke); a conflict problem when the device's status does not allow it. */
  end: defineMessage<DeviceEnd, DeviceSummary>('database', 'devices.end'),
} as const;
