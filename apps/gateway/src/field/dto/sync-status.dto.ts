import { ApiProperty } from '@nestjs/swagger';
import { BatchDto } from '../../dto/batch.dto.js';

export class BatchTotalsDto {
  @ApiProperty({ example: 12 }) visitCount: number;
  @ApiProperty({ description: 'Rupiah', example: 3_750_000 }) paidAmount: number;
  @ApiProperty({ description: 'Rupiah', example: 2_000_000 }) promisedAmount: number;
}

export class PhotoProgressDto {
  @ApiProperty({ type: [String], description: 'SHA-256 of every photo the visit lists' }) expected: string[];
  @ApiProperty({ type: [String] }) received: string[];
  @ApiProperty({ type: [String] }) missing: string[];
}

export class VisitSyncDto {
  @ApiProperty() id: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty() resultCode: string;
  @ApiProperty() visitedAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() paidAmount: number;
  @ApiProperty() promisedAmount: number;
  @ApiProperty({ type: PhotoProgressDto }) photos: PhotoProgressDto;
}

export class SyncStatusDto {
  @ApiProperty({ type: BatchDto }) batch: BatchDto;
  @ApiProperty({ nullable: true, type: String, description: 'When visits last reached the batch' }) lastSyncAt: string | null;
  @ApiProperty({ type: BatchTotalsDto }) totals: BatchTotalsDto;
  @ApiProperty({ type: [String] }) visitIds: string[];
  @ApiProperty({ type: [VisitSyncDto] }) visits: VisitSyncDto[];
  @ApiProperty({ type: [String], description: 'Visits still waiting for some of their photos' }) incompleteVisits: string[];
  @ApiProperty({ description: 'False when the photo service could not be asked: expected photos then read as missing' }) photosChecked: boolean;
}

export class DeviceResetReplyDto {
  @ApiProperty({ description: 'Whether an open batch was closed by this reset' }) closedBatch: boolean;
  @ApiProperty({
    type: SyncStatusDto,
    nullable: true,
    description: 'What the server holds of the batch the reset closed (or the latest batch when none was open)',
  })
  held: SyncStatusDto | null;
}
