import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VISIT_ISSUE_CODES, VISIT_OUTCOME_STATUSES, type VisitIssueCode, type VisitOutcomeStatus } from '#libs/contract';
import { VisitDto } from './visit.dto.js';

export class VisitIssueDto {
  @ApiProperty({ description: 'The field, relative to the visit', example: 'payment.receiptNo' }) field: string;
  @ApiProperty({
    enum: VISIT_ISSUE_CODES,
    enumName: 'VisitIssueCode',
    description: 'The broken rule; invalid: the shape of the visit (a wrong type, an unknown or missing field)',
    example: 'receipt-used',
  })
  code: VisitIssueCode;
  @ApiProperty() message: string;
}

export class StoredVisitDto extends VisitDto {
  @ApiProperty({ description: 'The batch the visit was filed in' }) batchId: string;
  @ApiProperty({ description: 'When the server stored it' }) receivedAt: string;
}

export class VisitResultDto {
  @ApiProperty({ nullable: true, type: String, description: "The visit's id; null when a malformed visit had none" }) id: string | null;
  @ApiProperty({
    enum: VISIT_OUTCOME_STATUSES,
    enumName: 'VisitOutcomeStatus',
    description:
      'duplicate: already stored with the same content (the original is returned); conflict: already stored with other content, nothing changed; rejected: not stored, see errors',
  })
  status: VisitOutcomeStatus;
  @ApiPropertyOptional({ type: [VisitIssueDto] }) errors?: VisitIssueDto[];
  @ApiPropertyOptional({ type: StoredVisitDto, description: 'The stored visit (created) or the original (duplicate)' }) visit?: StoredVisitDto;
}

export class SubmitVisitsReplyDto {
  @ApiProperty({ type: [VisitResultDto], description: 'One result per visit, in the order sent' }) results: VisitResultDto[];
}
