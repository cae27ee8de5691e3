import { Injectable } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { VisitStore, type SubmitVisitsRequest, type VisitOutcome, type VisitRecordRequest } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { CollectionDayService } from '../day/collection-day.service.js';
import { contentHashOf, toVisitContent } from './visit-content.js';
import { checkVisit } from './visit-rules.js';

@Injectable()
export class VisitsService {
  constructor(
    private readonly messages: MessageClient,
    private readonly day: CollectionDayService,
    private readonly config: AppConfig,
  ) {}

  /** Checks each visit against the open day, then has the database store the accepted ones, each in its own transaction. */
  async submit(request: SubmitVisitsRequest): Promise<VisitOutcome[]> {
    const day = await this.day.requireOpenDay(request.session);
    const now = new Date();
    const settings = {
      now,
      timeZone: this.config.workTimeZone,
      promiseWindowDays: this.config.promiseWindowDays,
      clockSkewSeconds: this.config.visitClockSkewSeconds,
    };
    const accounts = new Map(day.assignments.map((assignment) => [assignment.id, assignment.accountId]));
    const visits = request.visits.map((submission): VisitRecordRequest => {
      const content = toVisitContent(submission);
      const errors = checkVisit(content, day, settings);
      const filing =
        errors.length === 0
          ? {
              batchId: day.batch.id,
              branchId: day.branchId,
              accountId: accounts.get(content.assignmentId)!,
              workDate: day.batch.workDate,
              receivedAt: now.toISOString(),
            }
          : null;
      return { collectorId: day.collectorId, content, contentHash: contentHashOf(content), filing, errors };
    });
    return this.messages.send(VisitStore.record, { visits });
  }
}
