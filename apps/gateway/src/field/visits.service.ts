import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldMessages, type SessionCheckRequest, type VisitIssue, type VisitOutcome, type VisitSubmission } from '#libs/contract';
import { EDGE_VALIDATION, fieldIssuesOf } from '#libs/http';
import { MessageClient } from '#libs/transport';
import type { SubmitVisitsReplyDto, VisitResultDto } from './dto/visit-results.dto.js';
import { VisitDto } from './dto/visit.dto.js';

type ShapeCheck = { visit: VisitSubmission } | { rejected: VisitResultDto };

@Injectable()
export class VisitsService {
  constructor(private readonly messages: MessageClient) {}

  /**
   * Each visit's shape is checked on its own: a malformed one is answered
   * `rejected` naming its fields, and the well-formed ones go on to the
   * collector's rules and the database. One phone bug cannot hold a whole
   * queue of visits back.
   */
  async submit(session: SessionCheckRequest, visits: object[]): Promise<SubmitVisitsReplyDto> {
    const checks = visits.map(checkShape);
    const wellFormed = checks.flatMap((check) => ('visit' in check ? [check.visit] : []));
    const outcomes: VisitOutcome[] = wellFormed.length ? await this.messages.send(FieldMessages.submitVisits, { session, visits: wellFormed }) : [];
    let next = 0;
    return { results: checks.map((check) => ('visit' in check ? outcomes[next++] : check.rejected)) };
  }
}

/**
 * The same rules as the pipe's: the visit's checks are all synchronous, and
 * checking 50 visits one by one costs about a quarter less than a promise per check.
 * A request's visits come built by the body's check; converting them again cost as much as checking them.
 */
function checkShape(item: object): ShapeCheck {
  const visit = item instanceof VisitDto ? item : plainToInstance(VisitDto, item);
  const errors = validateSync(visit, EDGE_VALIDATION);
  if (errors.length === 0) return { visit };
  const issues: VisitIssue[] = fieldIssuesOf(errors).map((issue) => ({ ...issue, code: 'invalid' }));
  return { rejected: { id: typeof visit.id === 'string' ? visit.id : null, status: 'rejected', errors: issues } };
}
