import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsUUID, Max, Min } from 'class-validator';
import { ProblemDto } from '#libs/http';
import { BatchDto } from '../../dto/batch.dto.js';
import { BatchTotalsDto } from './sync-status.dto.js';

/** What the phone holds for the batch at day end. */
export class CloseBatchDto {
  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  visitCount: number;

  @ApiProperty({ description: 'Rupiah', example: 3_750_000 })
  @IsInt()
  @Min(0)
  paidAmount: number;

  @ApiProperty({ description: 'Rupiah', example: 2_000_000 })
  @IsInt()
  @Min(0)
  promisedAmount: number;

  @ApiProperty({ type: [String], description: 'The id of every visit the phone holds for the batch' })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  visitIds: string[];
}

export class TotalsDifferenceDto {
  @ApiProperty({ enum: ['visitCount', 'paidAmount', 'promisedAmount'] }) field: string;
  @ApiProperty() phone: number;
  @ApiProperty() server: number;
}

export class CloseBatchReplyDto {
  @ApiProperty({ enum: ['closed'] }) status: 'closed';
  @ApiProperty({ type: BatchDto }) batch: BatchDto;
  @ApiProperty({ type: BatchTotalsDto }) totals: BatchTotalsDto;
  @ApiProperty({ type: [String], description: 'Always empty on a close' }) missingOnServer: string[];
  @ApiProperty({ type: [String], description: 'Always empty on a close' }) unknownToPhone: string[];
  @ApiProperty({ type: [TotalsDifferenceDto], description: 'Always empty on a close' }) differences: TotalsDifferenceDto[];
}

/** The 409 of a close whose phone summary differs from the server's. */
export class BatchMismatchProblemDto extends ProblemDto {
  @ApiProperty({ type: [String], description: 'Visits the phone holds that never reached the server: sync them, then close again' })
  missingOnServer: string[];
  @ApiProperty({ type: [String], description: 'Visits the server holds that the phone did not list' }) unknownToPhone: string[];
  @ApiProperty({ type: [TotalsDifferenceDto] }) differences: TotalsDifferenceDto[];
  @ApiProperty({ type: BatchTotalsDto, description: "The server's totals" }) totals: BatchTotalsDto;
}
