import type { EntityTarget } from 'typeorm';
import type { OutboundKind } from '#libs/contract';
import { CoreOutCollectorDay, CoreOutPayment, CoreOutPhoto, CoreOutPromise, CoreOutVisit } from '#libs/entities';

/** What every outbound table has: a stable id, when it was written, and whether the core has acknowledged it. */
export interface OutboundEntity {
  id: string;
  createdAt: Date;
  ackedAt: Date | null;
}

export const OUTBOUND_TABLES: Record<OutboundKind, EntityTarget<OutboundEntity>> = {
  visits: CoreOutVisit,
  payments: CoreOutPayment,
  promises: CoreOutPromise,
  photos: CoreOutPhoto,
  'collector-days': CoreOutCollectorDay,
};
