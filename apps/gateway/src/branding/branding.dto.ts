import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PHOTO_TYPES, type LogoSummary, type PhotoType } from '#libs/contract';

export class LogoSummaryDto implements LogoSummary {
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: PHOTO_TYPES }) type: PhotoType;
  @ApiProperty() size: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty() updatedAt: string;
}

export class LogoVersionQueryDto {
  @ApiPropertyOptional({ description: 'The version the link names', example: '3f2a9c0d1e4b5a6f' })
  @IsOptional()
  @Matches(/^[0-9a-f]{1,64}$/)
  v?: string;
}
