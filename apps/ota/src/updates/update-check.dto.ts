import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DEFAULT_CHANNEL, type DecideUpdateRequest, type UpdateOffer } from '#libs/contract';
import { IsChannel } from '../releases/channel.js';

export class UpdateCheckQuery implements DecideUpdateRequest {
  @ApiProperty({ description: "The installed app's versionCode", example: 104 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2100000000)
  versionCode: number;

  @ApiProperty({ description: "The phone's Android API level (Build.VERSION.SDK_INT)", example: 23 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  sdkInt: number;

  @ApiProperty({ description: 'A stable id of the phone; it places the phone in staged rollouts', example: 'a1b2c3d4e5f60718' })
  @IsString()
  @Length(1, 128)
  deviceId: string;

  @ApiPropertyOptional({ description: 'The release channel the phone follows', default: DEFAULT_CHANNEL, example: 'beta' })
  @IsOptional()
  @IsChannel()
  channel?: string;
}

export class UpdateOfferDto implements UpdateOffer {
  @ApiProperty({ example: 105 })
  versionCode: number;

  @ApiProperty({ example: '1.5.0' })
  versionName: string;

  @ApiProperty({ description: 'Immutable download URL of this release', example: 'http://localhost:8000/apk/coll/production/105.apk' })
  url: string;

  @ApiProperty({ description: 'SHA-256 of the APK, lower-case hex; the phone verifies it before installing' })
  sha256: string;

  @ApiProperty({ description: 'Size of the APK in bytes' })
  size: number;

  @ApiProperty({ description: 'The phone must install it before working' })
  mandatory: boolean;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;
}
