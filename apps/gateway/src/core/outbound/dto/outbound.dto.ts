import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OUTBOUND_KINDS, type OutboundAcknowledgement, type OutboundKind, type OutboundRow, type OutboundRows } from '#libs/contract';

/** The most rows one take hands out as JSON. */
export const MAX_OUTBOUND_ROWS = 5000;
/**
 * The most rows one take hands out as a CSV file, and the most ids one
 * acknowledgement names: each acknowledgement rewrites the pages its rows lie
 * on, so fewer and larger ones cost the database less. 20,000 ids fit the 2 MB body.
 */
export const MAX_OUTBOUND_FILE_ROWS = 20_000;

export class OutboundKindParamDto {
  @ApiProperty({ enum: OUTBOUND_KINDS })
  @IsIn(OUTBOUND_KINDS)
  kind: OutboundKind;
}

export class TakeOutboundQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OUTBOUND_ROWS, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_OUTBOUND_ROWS)
  limit: number = 1000;
}

export class TakeOutboundCsvQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_OUTBOUND_FILE_ROWS, default: MAX_OUTBOUND_FILE_ROWS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_OUTBOUND_FILE_ROWS)
  limit: number = MAX_OUTBOUND_FILE_ROWS;
}

export class OutboundRowsDto implements OutboundRows {
  @ApiProperty({ enum: OUTBOUND_KINDS }) kind: OutboundKind;
  @ApiProperty({ type: [String], description: "The table's columns in order, acked_at left out", example: ['id', 'visit_id', 'receipt_no'] }) columns: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Rows not yet acknowledged, keyed by column name; instants in ISO 8601 UTC',
  })
  rows: OutboundRow[];
  @ApiProperty({ description: 'Rows not yet acknowledged when these were taken, these included' }) pending: number;
}

export class AcknowledgeOutboundDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_OUTBOUND_FILE_ROWS, description: 'The `id` of each row the core has safely stored' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OUTBOUND_FILE_ROWS)
  @IsUUID('all', { each: true })
  ids: string[];
}

export class OutboundAcknowledgementDto implements OutboundAcknowledgement {
  @ApiProperty({ enum: OUTBOUND_KINDS }) kind: OutboundKind;
  @ApiProperty({ description: 'Rows this call acknowledged; ids already acknowledged or unknown count for nothing' }) acknowledged: number;
}
