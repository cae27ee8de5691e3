import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { VisitFilter } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';
import { IsWorkDate } from '../../dto/query-values.js';

export class BranchQueryDto {
  @ApiPropertyOptional({ example: 'JKT01', description: 'Admins: one branch (every branch when absent). Supervisors: only their own' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,16}$/)
  branchCode?: string;
}

export class ProgressQueryDto extends BranchQueryDto {
  @ApiPropertyOptional({ example: '2026-11-28', description: 'The work date; today in the working time zone when absent' })
  @IsOptional()
  @IsWorkDate()
  date?: string;
}

/** Both ends inclusive, at most 92 days apart; a missing end is today. */
export class DateRangeDto {
  @ApiPropertyOptional({ example: '2026-11-28' })
  @IsOptional()
  @IsWorkDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-28' })
  @IsOptional()
  @IsWorkDate()
  to?: string;
}

/** The filters of the visit list and of its CSV export; dates are work dates. */
export class VisitFilterDto extends IntersectionType(BranchQueryDto, DateRangeDto) implements VisitFilter {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  collectorId?: string;

  @ApiPropertyOptional({ example: 'PTP' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,15}$/, { message: 'resultCode must be a result code such as PAID' })
  resultCode?: string;
}

export class VisitsQueryDto extends IntersectionType(VisitFilterDto, PageQueryDto) {}

/** Dates are promised dates. */
export class PromisesQueryDto extends IntersectionType(BranchQueryDto, DateRangeDto, PageQueryDto) {}
