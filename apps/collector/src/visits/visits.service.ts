import { Injectable } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { VisitStore, type SubmitVisitsRequest, type VisitOutcome } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { requireCollector } from '../day/collection-day.service.js';
import { contentHashOf, toVisitContent } from './visit-content.js';

@Injectable()
export class VisitsService {
  constructor(
    private readonly messages: MessageClient,
    private readonly config: AppConfig,
  ) {}

  /**
   * Hands the upload to the database in one message: the open day is checked
   * there, inside the unit of work that stores the visits, so the LKH never
   * travels here. The canonical form and its hash are made here, off the
   * database's process.
   */
  async submit(request: SubmitVisitsRequest): Promise<VisitOutcome[]> {
    requireCollector(request.session);
    const settings = {
      now: new Date().toISOString(),
      timeZone: this.config.workTimeZone,
      promiseWindowDays: this.config.promiseWindowDays,
      clockSkewSeconds: this.config.visitClockSkewSeconds,
    };
    const visits = request.visits.map((submission) => {
      const content = toVisitContent(submission);
      return { content, contentHash: contentHashOf(content) };
    });
    return this.messages.send(VisitStore.upload, { session: request.session, settings, visits });
  }
}
