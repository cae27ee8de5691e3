import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VisitDto } from './visit.dto.js';

export class VisitIssueDto {
  @ApiProperty({ description: 'The field, relative to the visit', example: 'payment.receiptNo' }) field: string;
  @ApiProperty({
    description:
      'invalid (shape), unknown-assignment, unknown-result-code, payment-required, payment-not-allowed, amount-not-positive, receipt-out-of-range, receipt-used, promise-required, promise-not-allowed, promise-date-out-of-window, location-required, too-few-photos, visited-in-future, visited-before-work-date, batch-not-open, visit-conflict',
    example: 'receipt-used',
  })
  code: string;
  @ApiProperty() message: string;
}

export class StoredVisitDto extends VisitDto {
  @ApiProperty({ description: 'The batch the visit was filed in' }) batchId: string;
  @ApiProperty({ description: 'When the server stored it' }) receivedAt: string;
}

export class VisitResultDto {
  @ApiProperty({ nullable: true, type: String, description: "The visit's id; null when a malformed visit had none" }) id: string | null;
  @ApiProperty({
    enum: ['created', 'duplicate', 'conflict', 'rejected'],
    description: 'duplicate: already stored with the same content (the original is returned); conflict: already stored with other content, nothing changed; rejected: not stored, see errors',
  })
  status: string;
  @ApiPropertyOptional({ type: [VisitIssueDto] }) errors?: VisitIssueDto[];
  @ApiPropertyOptional({ type: StoredVisitDto, description: 'The stored visit (created) or the original (duplicate)' }) visit?: StoredVisitDto;
}

export class SubmitVisitsReplyDto {
  @ApiProperty({ type: [VisitResultDto], description: 'One result per visit, in the order sent' }) results: VisitResultDto[];
}
