import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { DeviceStatusName, DeviceSummary } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';

const DEVICE_STATUSES: DeviceStatusName[] = ['active', 'released', 'revoked'];

export class DeviceSummaryDto implements DeviceSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ description: "The phone's Android ID" }) deviceKey: string;
  @ApiProperty({ nullable: true, type: String }) model: string | null;
  @ApiProperty() androidSdk: number;
  @ApiProperty() appVersionCode: number;
  @ApiProperty({ enum: DEVICE_STATUSES }) status: DeviceStatusName;
  @ApiProperty() boundAt: string;
  @ApiProperty() lastSeenAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
}

export class ListDevicesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ enum: DEVICE_STATUSES })
  @IsOptional()
  @IsIn(DEVICE_STATUSES)
  status?: DeviceStatusName;
}
