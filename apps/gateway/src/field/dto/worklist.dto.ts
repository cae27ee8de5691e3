import { ApiProperty } from '@nestjs/swagger';
import { BatchDto } from '../../dto/batch.dto.js';
import { GeoPointDto } from '../../dto/geo-point.dto.js';

export class AssignmentDto {
  @ApiProperty({ description: 'The id a visit names as assignmentId' }) id: string;
  @ApiProperty({ description: 'Order of the visit on the LKH', example: 1 }) sequence: number;
  @ApiProperty({ example: '101234567890' }) contractNo: string;
  @ApiProperty({ example: 'Budi Santoso' }) debtorName: string;
  @ApiProperty() address: string;
  @ApiProperty({ example: '081234567890' }) phone: string;
  @ApiProperty({ description: 'Rupiah due as of the work date', example: 2_450_000 }) amountDue: number;
  @ApiProperty({ example: 1_200_000 }) installmentAmount: number;
  @ApiProperty({ example: 45 }) overdueDays: number;
  @ApiProperty({ description: 'Rupiah still owed on the contract', example: 14_400_000 }) outstanding: number;
  @ApiProperty({ type: GeoPointDto, nullable: true }) location: GeoPointDto | null;
}

export class OfferedRequirementsDto {
  @ApiProperty({ description: 'A payment (amount and receipt number) is required' }) payment: boolean;
  @ApiProperty({ description: 'A promise to pay (date and amount) is required' }) promise: boolean;
  @ApiProperty({ description: 'A GPS position is required' }) gps: boolean;
  @ApiProperty({ description: 'Photos the visit must list' }) minPhotos: number;
}

export class OfferedResultCodeDto {
  @ApiProperty({ example: 'PTP' }) code: string;
  @ApiProperty({ example: 'Janji bayar (promise to pay)' }) label: string;
  @ApiProperty({ type: OfferedRequirementsDto }) requires: OfferedRequirementsDto;
}

export class WorklistReceiptRangeDto {
  @ApiProperty({ description: 'Receipt numbers are written `PREFIX-NNNNNN` (six digits, zero-padded), e.g. KWJ1-000042', example: 'KWJ1' })
  prefix: string;
  @ApiProperty({ example: 1 }) from: number;
  @ApiProperty({ example: 500 }) to: number;
}

export class WorklistDto {
  @ApiProperty({ example: '2026-11-28' }) workDate: string;
  @ApiProperty({ description: 'Changes whenever the LKH changes; also the strong ETag' }) syncToken: string;
  @ApiProperty({ type: BatchDto }) batch: BatchDto;
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
  @ApiProperty({ type: [OfferedResultCodeDto] }) resultCodes: OfferedResultCodeDto[];
  @ApiProperty({ type: WorklistReceiptRangeDto, nullable: true }) receiptRange: WorklistReceiptRangeDto | null;
}
