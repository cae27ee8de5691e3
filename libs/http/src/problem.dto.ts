import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROBLEM_CODES, type ProblemCode } from '#libs/contract';

export class FieldIssueDto {
  @ApiProperty({ example: 'visits[0].payment.amount' }) field: string;
  @ApiProperty({ example: 'amount must be an integer number' }) message: string;
}

/** RFC 9457 problem details, the body of every error (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:mobile-collection:problem:validation-failed' }) type: string;
  @ApiProperty({ example: 'Bad Request' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ enum: PROBLEM_CODES, enumName: 'ProblemCode', description: 'Stable machine-readable code', example: 'validation-failed' }) code: ProblemCode;
  @ApiProperty({ description: 'What went wrong, for a person' }) detail: string;
  @ApiPropertyOptional({ type: [FieldIssueDto] }) errors?: FieldIssueDto[];
  @ApiPropertyOptional({ example: '/api/v1/visits' }) instance?: string;
  @ApiPropertyOptional() requestId?: string;
}
