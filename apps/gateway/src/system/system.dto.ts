import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ServiceOverviewDto {
  @ApiProperty({ enum: ['gateway', 'collector', 'database', 'media', 'ota'] })
  service: string;

  @ApiProperty()
  up: boolean;

  @ApiPropertyOptional()
  version?: string;

  @ApiPropertyOptional()
  pid?: number;

  @ApiPropertyOptional()
  uptimeSeconds?: number;

  @ApiPropertyOptional()
  startedAt?: string;

  @ApiPropertyOptional({ description: 'Why the service could not be reached' })
  reason?: string;

  @ApiPropertyOptional({ description: 'Service-specific facts, such as the database engine and applied migrations' })
  details?: Record<string, unknown>;
}

export class SystemOverviewDto {
  @ApiProperty({ type: [ServiceOverviewDto] })
  services: ServiceOverviewDto[];
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ description: 'Seconds since the gateway process started' }) uptimeSeconds: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready'] })
  status: 'ready';

  @ApiProperty({ example: { collector: 'up', database: 'up', media: 'up', ota: 'up' } })
  services: Record<string, 'up' | 'down'>;
}
