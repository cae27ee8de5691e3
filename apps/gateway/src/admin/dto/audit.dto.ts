import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Length, Matches } from 'class-validator';
import type { AuditEntryView } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';

export class AuditActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) username: string | null;
}

export class AuditEntryDto implements AuditEntryView {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ type: AuditActorDto, nullable: true }) actor: AuditActorDto | null;
  @ApiProperty({ example: 'device.revoke' }) action: string;
  @ApiProperty({ example: 'device' }) subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ nullable: true, type: String, description: 'The X-Request-Id of the request that made the change' }) requestId: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'What changed; never a secret' }) details: Record<string, unknown> | null;
}

export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user.create' })
  @IsOptional()
  @Matches(/^[a-zA-Z]+\.[a-zA-Z]+$/)
  action?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @Matches(/^[a-zA-Z]{1,64}$/)
  subjectType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 64)
  subjectId?: string;
}
