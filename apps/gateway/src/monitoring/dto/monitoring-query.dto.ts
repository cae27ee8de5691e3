import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import type { VisitFilter } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';
import { BRANCH_CODE, IsWorkDate, QueryBoolean, RESULT_CODE, RESULT_CODE_MESSAGE } from '../../dto/formats.js';

export class BranchQueryDto {
  @ApiPropertyOptional({ example: 'JKT01', description: 'Admins: one branch (every branch when absent). Supervisors: only their own' })
  @IsOptional()
  @Matches(BRANCH_CODE)
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
  @Matches(RESULT_CODE, { message: RESULT_CODE_MESSAGE })
  resultCode?: string;

  @ApiPropertyOptional({ description: 'true: only visits still waiting for some of their photos (503 while the photo service is down)' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  incompletePhotos?: boolean;
}

export class VisitsQueryDto extends IntersectionType(VisitFilterDto, PageQueryDto) {}

/** Dates are promised dates. */
export class PromisesQueryDto extends IntersectionType(BranchQueryDto, DateRangeDto, PageQueryDto) {}
