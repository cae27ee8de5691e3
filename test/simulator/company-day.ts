import type { AppName } from '#libs/contract';
import { startSystem, type RunningSystem, type SystemMode } from '../support/system-harness.js';
import type { TestEngine } from '../support/test-database.js';
import { CollectorLedger } from './collector-ledger.js';
import { FaultProxy, type FaultCounts, type FaultPlan } from './fault-proxy.js';
import { FieldMetrics, type EndpointFigures } from './field-metrics.js';
import { FieldPhone, type DayPlan } from './field-phone.js';
import { PhoneLink } from './phone-link.js';
import { ProofPhotoCamera } from './proof-photos.js';
import { coreOutboundCheck } from './core-outbound-check.js';
import { reconcile, ServerAuditor, type ReconciliationCheck, type ReconciliationResult, type Tally } from './reconciliation.js';
import { ServiceChaos, type ServiceKill } from './service-chaos.js';

export interface CompanyDayOptions {
  collectors: number;
  visitsPerCollector: number;
  photosPerVisit: number;
  /** Width and height of each proof photo, in pixels. */
  photoSize: [number, number];
  faults: FaultPlan;
  /** The share of collectors who reset local data mid-day and log in again. */
  resetShare: number;
  /** Services killed once each at random moments; five-process systems only. */
  chaos: AppName[];
}

/** Where the day is played: the gateway (and the certificate it presents), and the system when this process started it. */
export interface DayTarget {
  gatewayUrl: string;
  ca: string;
  system?: RunningSystem;
}

export interface CompanyDayReport {
  options: CompanyDayOptions;
  startedAt: string;
  /** From the first login to the last close, in seconds. */
  daySeconds: number;
  reconciliationSeconds: number;
  visitsConfirmed: number;
  /** `failures`: the first requests that failed after all their retries, each with what every attempt got. */
  requests: { attempts: number; retries: number; failedAfterRetries: number; failures: string[] };
  endpoints: EndpointFigures[];
  errorsByKind: Record<string, number>;
  counters: Record<string, number>;
  faults: FaultCounts;
  kills: ServiceKill[];
  /** Phones whose day stopped on an answer they could not act on. */
  phonesFailed: Tally;
  reconciliation: ReconciliationResult;
  /** Nothing lost, doubled or missing, no request left failed, every phone through its day. */
  passed: boolean;
}

export interface DayObserver {
  /** Visits the server has confirmed so far, of the day's total. */
  progress?(confirmed: number, total: number): void;
}

/**
 * A working day of a whole company, played by virtual phones through a
 * faulty network (and service kills), then reconciled with the server.
 */
export async function playCompanyDay(
  options: CompanyDayOptions,
  target: DayTarget,
  observer: DayObserver = {},
  checks: ReconciliationCheck[] = [],
): Promise<CompanyDayReport> {
  if (options.chaos.length > 0 && target.system?.mode !== 'split') throw new Error('service kills need a five-process system started by the simulator');
  const gateway = new URL(target.gatewayUrl);
  const proxy = new FaultProxy({ host: gateway.hostname, port: Number(gateway.port) }, options.faults);
  const proxyUrl = `https://${gateway.hostname}:${await proxy.listen()}`;
  const camera = await ProofPhotoCamera.of(...options.photoSize);
  const metrics = new FieldMetrics();
  const total = options.collectors * options.visitsPerCollector;
  let confirmed = 0;
  const onConfirmed = (visits: number) => {
    confirmed += visits;
    observer.progress?.(confirmed, total);
  };

  const ledgers = Array.from({ length: options.collectors }, (_, index) => new CollectorLedger(`collector${index + 1}`));
  const links = ledgers.map(() => new PhoneLink(proxyUrl, target.ca, metrics));
  const phones = ledgers.map((ledger, index) => new FieldPhone(ledger, links[index], camera, metrics, planOf(options), onConfirmed));
  const chaos = target.system && options.chaos.length > 0 ? new ServiceChaos(target.system, options.chaos) : undefined;

  const startedAt = new Date().toISOString();
  const dayStarted = performance.now();
  const chaosDone = chaos?.run(() => confirmed / total, dayStarted);
  const phonesFailed: Tally = { count: 0, examples: [] };
  await Promise.all(
    phones.map((phone, index) =>
      phone.liveDay().catch((error: Error) => {
        phonesFailed.count += 1;
        if (phonesFailed.examples.length < 10) phonesFailed.examples.push(`${ledgers[index].username}: ${error.message}`);
      }),
    ),
  );
  const daySeconds = (performance.now() - dayStarted) / 1000;
  chaos?.stop();
  await chaosDone;
  await Promise.all(links.map((link) => link.close()));
  await proxy.close();

  const reconciliationStarted = performance.now();
  const auditLink = new PhoneLink(target.gatewayUrl, target.ca, new FieldMetrics());
  const reconciliation = await reconcile(ledgers, new ServerAuditor(auditLink), checks);
  await auditLink.close();

  return {
    options,
    startedAt,
    daySeconds: round(daySeconds),
    reconciliationSeconds: round((performance.now() - reconciliationStarted) / 1000),
    visitsConfirmed: confirmed,
    requests: { attempts: metrics.totalAttempts, retries: metrics.totalRetries, failedAfterRetries: metrics.requestsFailed, failures: metrics.failureExamples },
    endpoints: metrics.endpoints(),
    errorsByKind: Object.fromEntries(metrics.errors),
    counters: Object.fromEntries(metrics.counters),
    faults: proxy.counts,
    kills: chaos?.kills ?? [],
    phonesFailed,
    reconciliation,
    passed: reconciliation.clean && metrics.requestsFailed === 0 && phonesFailed.count === 0,
  };
}

/** Each collector's plan; a share of them wipe their phone once, somewhere in the middle of the day. */
function planOf(options: CompanyDayOptions): DayPlan {
  const resets = Math.random() < options.resetShare && options.visitsPerCollector > 2;
  return {
    visits: options.visitsPerCollector,
    photosPerVisit: options.photosPerVisit,
    resetAfterVisit: resets ? 1 + Math.floor(Math.random() * (options.visitsPerCollector - 2)) : undefined,
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/**
 * Starts a system sized for the day (through the one test harness), plays the
 * day on it, reconciles it (the core's outbound rows too: the system is the
 * simulator's own) and stops it: the simulator's own run and the system test.
 */
export async function playCompanyDayOn(
  system: { mode: SystemMode; engine?: TestEngine; env?: Record<string, string> },
  options: CompanyDayOptions,
  observer: DayObserver = {},
): Promise<CompanyDayReport> {
  const running = await startSystem({
    mode: system.mode,
    engine: system.engine,
    env: { ...dayEnvironment(options), ...system.env },
    startTimeoutMs: dayStartTimeoutMs(options),
  });
  try {
    return await playCompanyDay(options, dayTargetOf(running), observer, [coreOutboundCheck()]);
  } finally {
    await running.stop();
  }
}

/** The day's target in a system started through the harness: its gateway, certificate and processes. */
export function dayTargetOf(system: RunningSystem): DayTarget {
  return { gatewayUrl: system.gatewayUrl, ca: system.gatewayCertificate, system };
}

/** Loading thousands of demo collectors takes a while before the first start is ready. */
export function dayStartTimeoutMs(options: CompanyDayOptions): number {
  return 45_000 + options.collectors * 30;
}

/**
 * A demo installation with a collector for each phone, an LKH of 40 accounts
 * each and receipt books that do not run out; logs at warn, since the harness
 * keeps every line in memory.
 */
export function dayEnvironment(options: CompanyDayOptions): Record<string, string> {
  return {
    DEMO_COLLECTORS: String(Math.max(3, options.collectors)),
    DEMO_ACCOUNTS_PER_COLLECTOR: '40',
    DEMO_RECEIPTS_PER_COLLECTOR: '999999',
    LOG_LEVEL: 'warn',
  };
}
