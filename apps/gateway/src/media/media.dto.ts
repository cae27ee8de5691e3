import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PHOTO_TYPES, PHOTO_VARIANTS, type PhotoVariant } from '#libs/contract';
import { SHA256_ANY_CASE, SHA256_MESSAGE } from '../dto/formats.js';
import { GeoPointDto } from '../dto/geo-point.dto.js';

/** The text fields of the multipart upload; the photo itself is the `file` part. */
export class UploadPhotoDto {
  @ApiPropertyOptional({ description: 'SHA-256 of the file in hex; or send it as the X-Content-SHA256 header' })
  @IsOptional()
  @Matches(SHA256_ANY_CASE, { message: `sha256 ${SHA256_MESSAGE}` })
  sha256?: string;
}

export class PhotoParamsDto {
  @ApiProperty({ description: 'SHA-256 of the photo in hex' })
  @Matches(SHA256_ANY_CASE, { message: `sha256 ${SHA256_MESSAGE}` })
  sha256: string;
}

export class PhotoQueryDto {
  @ApiPropertyOptional({ enum: PHOTO_VARIANTS, default: 'original' })
  @IsOptional()
  @IsIn(PHOTO_VARIANTS)
  variant?: PhotoVariant;
}

export class PhotoUploaderDto {
  @ApiProperty()
  userId: string;

  @ApiProperty({ type: String, nullable: true })
  branchId: string | null;
}

export class PhotoDto {
  @ApiProperty({ description: 'SHA-256 of the original in hex' })
  sha256: string;

  @ApiProperty({ enum: PHOTO_TYPES, description: 'The type read from the bytes, not the one the client declared' })
  type: string;

  @ApiProperty({ description: 'Bytes of the original' })
  size: number;

  @ApiProperty()
  width: number;

  @ApiProperty()
  height: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "EXIF capture time; without an offset when the camera recorded none (the phone's wall clock)",
    example: '2026-11-28T09:30:00+07:00',
  })
  takenAt: string | null;

  @ApiProperty({ type: GeoPointDto, nullable: true, description: 'EXIF GPS position' })
  gps: GeoPointDto | null;

  @ApiProperty({ type: PhotoUploaderDto })
  uploader: PhotoUploaderDto;

  @ApiProperty({ example: '2026-11-28T02:31:07.120Z' })
  receivedAt: string;
}
