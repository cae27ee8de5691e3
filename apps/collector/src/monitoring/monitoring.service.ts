import { Injectable } from '@nestjs/common';
import { addDays, ProblemError, workDateOf } from '#libs/common';
import { AppConfig } from '#libs/config';
import {
  MonitoringStore,
  type Actor,
  type Page,
  type ProgressReply,
  type ProgressRequest,
  type PromiseDue,
  type PromisesDueRequest,
  type VisitDetail,
  type VisitsRequest,
  type VisitSummary,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assessPhotoEvidence } from '../photo-evidence/photo-evidence.js';
import { PhotoPresence } from '../photos/photo-presence.js';
import { MonitoringScope } from './monitoring-scope.js';

/** The longest span one query may cover; a longer report is several queries. */
const MAX_RANGE_DAYS = 92;

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
    const collectors = await this.messages.send(MonitoringStore.progress, { ...scope, workDate });
    return { workDate, collectors };
  }

  async visits(request: VisitsRequest): Promise<Page<VisitSummary>> {
    const scope = await this.scopes.of(request.actor, request.branchCode);
    if (request.collectorId) await this.scopes.assertCollectorWithin(scope, request.collectorId);
    return this.messages.send(MonitoringStore.visits, {
      ...scope,
      ...this.range(request.from, request.to),
      collectorId: request.collectorId,
      resultCode: request.resultCode,
      limit: request.limit,
      offset: request.offset,
    });
  }

  async visit(actor: Actor, visitId: string): Promise<VisitDetail> {
    const scope = await this.scopes.of(actor);
    const visit = await this.messages.send(MonitoringStore.visit, { ...scope, visitId });
    if (!visit) throw ProblemError.notFound(`No visit ${visitId} in your scope`);
    const evidence = await this.photos.describe(visit.collector.id, visit.photos.map((photo) => photo.sha256));
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
