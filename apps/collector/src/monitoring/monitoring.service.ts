import { Injectable } from '@nestjs/common';
import { addDays, ProblemError, workDateOf } from '#libs/common';
import { AppConfig } from '#libs/config';
import {
  MonitoringStore,
  type Actor,
  type ExpectedPhotos,
  type Page,
  type ProgressReply,
  type ProgressRequest,
  type PromiseDue,
  type PromisesDueRequest,
  type VisitDetail,
  type StoredVisitSummary,
  type VisitQuery,
  type VisitsRequest,
  type VisitSummary,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assessPhotoEvidence } from '../photo-evidence/photo-evidence.js';
import { PhotoPresence } from '../photos/photo-presence.js';
import { MonitoringScope } from './monitoring-scope.js';

/** The longest span one query may cover; a longer report is several queries. */
const MAX_RANGE_DAYS = 92;

/** The visit list's filter, scope and dates resolved. */
type ScopedVisitFilter = Omit<VisitQuery, 'limit' | 'offset' | 'visitIds'>;

function expectedPhotosOf(visit: StoredVisitSummary): ExpectedPhotos {
  return { visitId: visit.id, collectorId: visit.collector.id, sha256s: visit.photoHashes };
}

/** The listed visit as callers see it: how many photos are missing instead of which hashes it expects. */
function withPhotosMissing({ photoHashes: _hashes, ...visit }: StoredVisitSummary, missing: Map<string, number> | null): VisitSummary {
  return { ...visit, photosMissing: missing ? (missing.get(visit.id) ?? 0) : null };
}

@Injectable()
export class MonitoringService {
  constructor(
    private readonly messages: MessageClient,
    private readonly scopes: MonitoringScope,
    private readonly photos: PhotoPresence,
    private readonly config: AppConfig,
  ) {}

  async progress(request: ProgressRequest): Promise<ProgressReply> {
    const scope = await this.scopes.of(request.actor, request.branchCode);
    const workDate = request.date ?? this.today();
    const [collectors, expected] = await Promise.all([
      this.messages.send(MonitoringStore.progress, { ...scope, workDate }),
      this.messages.send(MonitoringStore.expectedPhotos, { ...scope, from: workDate, to: workDate }),
    ]);
    const missing = await this.photos.missingOf(expected);
    const incompleteBy = new Map<string, number>();
    for (const visit of expected) {
      if (missing?.get(visit.visitId)) incompleteBy.set(visit.collectorId, (incompleteBy.get(visit.collectorId) ?? 0) + 1);
    }
    return {
      workDate,
      collectors: collectors.map((row) => ({ ...row, visitsMissingPhotos: missing ? (incompleteBy.get(row.collector.id) ?? 0) : null })),
    };
  }

  async visits(request: VisitsRequest): Promise<Page<VisitSummary>> {
    const scope = await this.scopes.of(request.actor, request.branchCode);
    if (request.collectorId) await this.scopes.assertCollectorWithin(scope, request.collectorId);
    const filter = { ...scope, ...this.range(request.from, request.to), collectorId: request.collectorId, resultCode: request.resultCode };
    if (request.incompletePhotos) return this.incompleteVisits(filter, request.limit, request.offset);
    const page = await this.messages.send(MonitoringStore.visits, { ...filter, limit: request.limit, offset: request.offset });
    const missing = await this.photos.missingOf(page.items.map(expectedPhotosOf));
    return { ...page, items: page.items.map((visit) => withPhotosMissing(visit, missing)) };
  }

  /**
   * Whether a photo arrived is known to the media service alone, so the
   * filter is applied here: every visit of the filter that expects photos is
   * checked, those still waiting are paged in the list's order, and only that
   * page is read in full.
   */
  private async incompleteVisits(filter: ScopedVisitFilter, limit: number, offset: number): Promise<Page<VisitSummary>> {
    const expected = await this.messages.send(MonitoringStore.expectedPhotos, filter);
    const missing = await this.photos.missingOf(expected);
    if (!missing) throw ProblemError.unavailable('media', 'The photo service cannot be reached, so visits with missing photos cannot be told apart');
    const incomplete = expected.filter((visit) => (missing.get(visit.visitId) ?? 0) > 0);
    const visitIds = incomplete.slice(offset, offset + limit).map((visit) => visit.visitId);
    const page = visitIds.length ? await this.messages.send(MonitoringStore.visits, { ...filter, visitIds, limit, offset: 0 }) : { items: [] };
    return { items: page.items.map((visit) => withPhotosMissing(visit, missing)), total: incomplete.length, limit, offset };
  }

  async visit(actor: Actor, visitId: string): Promise<VisitDetail> {
    const scope = await this.scopes.of(actor);
    const visit = await this.messages.send(MonitoringStore.visit, { ...scope, visitId });
    if (!visit) throw ProblemError.notFound(`No visit ${visitId} in your scope`);
    const evidence = await this.photos.describe(
      visit.collector.id,
      visit.photos.map((photo) => photo.sha256),
    );
    const received = new Map((evidence ?? []).map((photo) => [photo.sha256, photo]));
    const limits = { maxDistanceM: this.config.photoMaxDistanceM, maxTimeGapMinutes: this.config.photoMaxTimeGapMinutes };
    const photos = visit.photos.map((photo) => {
      const arrived = received.get(photo.sha256) ?? null;
      const assessment = arrived && visit.location ? assessPhotoEvidence({ visitedAt: visit.visitedAt, location: visit.location }, arrived, limits) : null;
      return { ...photo, received: arrived, assessment };
    });
    return { ...visit, photos, photosChecked: evidence !== null };
  }

  async promisesDue(request: PromisesDueRequest): Promise<Page<PromiseDue>> {
    const scope = await this.scopes.of(request.actor, request.branchCode);
    return this.messages.send(MonitoringStore.promisesDue, { ...scope, ...this.range(request.from, request.to), limit: request.limit, offset: request.offset });
  }

  /** A missing end defaults to today; `to` may not precede `from`, nor the span exceed MAX_RANGE_DAYS. */
  private range(from: string | undefined, to: string | undefined): { from: string; to: string } {
    const today = this.today();
    const range = { from: from ?? (to && to < today ? to : today), to: to ?? (from && from > today ? from : today) };
    if (range.to < range.from) throw ProblemError.validation([{ field: 'to', message: 'to must not precede from' }]);
    if (addDays(range.from, MAX_RANGE_DAYS - 1) < range.to) {
      throw ProblemError.validation([{ field: 'to', message: `a range spans at most ${MAX_RANGE_DAYS} days` }]);
    }
    return range;
  }

  private today(): string {
    return workDateOf(new Date(), this.config.workTimeZone);
  }
}
