import { CoreLoadError } from './core/core-load-error.entity.js';
import { CoreLoad } from './core/core-load.entity.js';
import { AuditEntry } from './audit/audit-entry.entity.js';
import { Batch } from './field/batch.entity.js';
import { Payment } from './field/payment.entity.js';
import { PromiseToPay } from './field/promise-to-pay.entity.js';
import { VisitPhoto } from './field/visit-photo.entity.js';
import { Visit } from './field/visit.entity.js';
import { Branch } from './organization/branch.entity.js';
import { Device } from './organization/device.entity.js';
import { User } from './organization/user.entity.js';
import { Account } from './portfolio/account.entity.js';
import { Assignment } from './worklist/assignment.entity.js';
import { ReceiptRange } from './worklist/receipt-range.entity.js';
import { ResultCode } from './worklist/result-code.entity.js';
import { WorklistDocument } from './worklist/worklist-document.entity.js';
import { Worklist } from './worklist/worklist.entity.js';
import { CounterFlush } from './ota/counter-flush.entity.js';
import { ReleaseChannel } from './ota/release-channel.entity.js';
import { Release } from './ota/release.entity.js';
import { CoreOutCollectorDay } from './core/outbound/core-out-collector-day.entity.js';
import { CoreOutPayment } from './core/outbound/core-out-payment.entity.js';
import { CoreOutPhoto } from './core/outbound/core-out-photo.entity.js';
import { CoreOutPromise } from './core/outbound/core-out-promise.entity.js';
import { CoreOutVisit } from './core/outbound/core-out-visit.entity.js';

/** Every entity of the staging database. */
export const ENTITIES = [
  AuditEntry,
  Branch,
  User,
  Device,
  Account,
  Worklist,
  WorklistDocument,
  Assignment,
  ResultCode,
  ReceiptRange,
  Batch,
  Visit,
  VisitPhoto,
  Payment,
  PromiseToPay,
  Release,
  ReleaseChannel,
  CounterFlush,
  CoreOutVisit,
  CoreOutPayment,
  CoreOutPromise,
  CoreOutPhoto,
  CoreOutCollectorDay,
  CoreLoad,
  CoreLoadError,
];
