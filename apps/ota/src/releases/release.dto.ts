import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DEFAULT_CHANNEL, type ChannelPolicy, type ReleaseRecord } from '#libs/contract';
import { IsChannel } from './channel.js';

/** Multipart fields arrive as text; `true`/`false` become booleans, anything else stays to be refused. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class PublishReleaseDto {
  @ApiPropertyOptional({ default: DEFAULT_CHANNEL, example: 'beta' })
  @IsOptional()
  @IsChannel()
  channel?: string;

  @ApiPropertyOptional({ description: 'What changed, shown to the collector', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ description: 'Share of phones offered the release, 0 to 100', default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  rolloutPercent?: number;
}

/** The multipart form of a publish, for the OpenAPI document. */
export class PublishReleaseForm extends PublishReleaseDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The signed APK' })
  file: unknown;
}

export class ChangeReleaseDto {
  @ApiPropertyOptional({ description: 'Share of phones offered the release, 0 to 100' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  rolloutPercent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;
}

export class ChannelParams {
  @ApiProperty({ example: DEFAULT_CHANNEL })
  @IsChannel()
  channel: string;
}

export class ReleasesQuery {
  @ApiPropertyOptional({ example: DEFAULT_CHANNEL })
  @IsOptional()
  @IsChannel()
  channel?: string;
}

export class SetMinimumDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Phones below this versionCode must update first; null removes the floor' })
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  @Min(1)
  minVersionCode: number | null;
}

export class ReleaseDto implements ReleaseRecord {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: DEFAULT_CHANNEL })
  channel: string;

  @ApiProperty()
  packageName: string;

  @ApiProperty()
  versionCode: number;

  @ApiProperty()
  versionName: string;

  @ApiProperty()
  minSdkVersion: number;

  @ApiProperty({ type: Number, nullable: true })
  targetSdkVersion: number | null;

  @ApiProperty({ description: 'SHA-256 of the APK, lower-case hex' })
  sha256: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;

  @ApiProperty({ description: 'SHA-256 of the signing certificate' })
  signerSha256: string;

  @ApiProperty()
  signerSubject: string;

  @ApiProperty({ type: String, nullable: true })
  notes: string | null;

  @ApiProperty()
  mandatory: boolean;

  @ApiProperty()
  rolloutPercent: number;

  @ApiProperty()
  halted: boolean;

  @ApiProperty()
  fileName: string;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty()
  publishedBy: string;

  @ApiProperty({ description: 'Update checks that were offered this release' })
  checks: number;

  @ApiProperty({ description: 'Whole downloads of this release' })
  downloads: number;

  @ApiProperty({ description: 'Immutable download URL' })
  url: string;
}

export class ChannelPolicyDto implements ChannelPolicy {
  @ApiProperty()
  channel: string;

  @ApiProperty({ type: Number, nullable: true })
  minVersionCode: number | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ReleaseListDto {
  @ApiProperty({ type: [ReleaseDto] })
  releases: ReleaseDto[];

  @ApiProperty({ type: [ChannelPolicyDto] })
  channels: ChannelPolicyDto[];
}
