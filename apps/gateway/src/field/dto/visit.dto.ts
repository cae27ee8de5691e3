import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SHA256_ANY_CASE, SHA256_MESSAGE } from '../../dto/formats.js';

/** Largest amount accepted, in rupiah: far above any installment, well inside a JS number. */
const MAX_RUPIAH = 1_000_000_000_000;

export class VisitLocationDto {
  @ApiProperty({ example: -6.1865 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ example: 106.8341 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ description: 'Metres', example: 12 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  accuracy: number;
}

export class VisitPaymentDto {
  @ApiProperty({ description: 'Rupiah received; more than zero', example: 1_250_000 })
  @IsInt()
  @Max(MAX_RUPIAH)
  amount: number;

  @ApiProperty({ description: "From the collector's range: `PREFIX-NNNNNN`, never used before", example: 'KWJ1-000042' })
  @IsString()
  @Length(1, 32)
  receiptNo: string;
}

export class VisitPromiseDto {
  @ApiProperty({ description: "YYYY-MM-DD, from the visit's day to PROMISE_WINDOW_DAYS after it", example: '2026-12-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date: string;

  @ApiProperty({ description: 'Rupiah promised; more than zero', example: 1_000_000 })
  @IsInt()
  @Max(MAX_RUPIAH)
  amount: number;
}

/** A visit as the phone records it. Its id is made on the phone, so sending it again is harmless. */
export class VisitDto {
  @ApiProperty({ description: 'UUID made on the phone', example: '6f1c2a4e-8d3b-4f7a-9c1e-2b5d7e9f0a13' })
  @IsUUID('all')
  id: string;

  @ApiProperty({ description: 'An assignment id from the worklist' })
  @IsUUID('all')
  assignmentId: string;

  @ApiProperty({ example: 'PAID' })
  @IsString()
  @Length(1, 16)
  resultCode: string;

  @ApiProperty({ description: 'ISO-8601 with offset', example: '2026-11-28T10:15:00+07:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'visitedAt must carry its offset (Z or +07:00)' })
  visitedAt: string;

  @ApiPropertyOptional({ type: VisitLocationDto, nullable: true, description: 'Absent or null when the phone had no fix' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisitLocationDto)
  location?: VisitLocationDto | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;

  @ApiPropertyOptional({ type: VisitPaymentDto, nullable: true, description: 'Only on result codes that require a payment' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisitPaymentDto)
  payment?: VisitPaymentDto | null;

  @ApiPropertyOptional({ type: VisitPromiseDto, nullable: true, description: 'Only on result codes that require a promise to pay' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisitPromiseDto)
  promise?: VisitPromiseDto | null;

  @ApiProperty({ description: 'SHA-256 (hex) of each proof photo; the photos may be uploaded later', type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SHA256_ANY_CASE, { each: true, message: `each photo ${SHA256_MESSAGE}` })
  photos: string[];
}
