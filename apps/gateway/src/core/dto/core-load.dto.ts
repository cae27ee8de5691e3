import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CORE_LOAD_STATUSES, CORE_ROW_TABLES, type CoreLoadErrorView, type CoreLoadStatusName, type CoreLoadView, type CoreRowTableName } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class CoreLoadRowsDto {
  @ApiProperty({ nullable: true }) collectors: number | null;
  @ApiProperty({ nullable: true }) accounts: number | null;
  @ApiProperty({ nullable: true }) assignments: number | null;
}

export class CoreLoadDto implements CoreLoadView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'daily' }) kind: string;
  @ApiProperty({ example: '2026-12-02' }) workDate: string;
  @ApiProperty({ enum: CORE_LOAD_STATUSES }) status: CoreLoadStatusName;
  @ApiProperty() declaredRows: number;
  @ApiProperty({ nullable: true, type: String }) contentHash: string | null;
  @ApiProperty({ description: 'An admin accepted it while held: its good rows are applied' }) acceptBadRows: boolean;
  @ApiProperty({ type: CoreLoadRowsDto }) rows: CoreLoadRowsDto;
  @ApiProperty({ nullable: true, type: Number }) badRows: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'LKHs the load replaced or made' }) worklistsChanged: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'The applied load with the same content' }) duplicateOf: string | null;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) appliedAt: string | null;
}

export class CoreLoadPageDto {
  @ApiProperty({ type: [CoreLoadDto] }) items: CoreLoadDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class CoreLoadErrorDto implements CoreLoadErrorView {
  @ApiProperty({ enum: CORE_ROW_TABLES }) table: CoreRowTableName;
  @ApiProperty() rowNo: number;
  @ApiProperty() field: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class CoreLoadQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CORE_LOAD_STATUSES })
  @IsOptional()
  @IsIn(CORE_LOAD_STATUSES)
  status?: CoreLoadStatusName;

  @ApiPropertyOptional({ description: 'SHA-256 of the files, as `core:import` computes it' })
  @IsOptional()
  @Matches(SHA256)
  contentHash?: string;
}

export class NewCoreLoadDto {
  @ApiPropertyOptional({ default: 'daily', description: 'What the load carries; `daily`: the LKHs of one work date' })
  @IsOptional()
  @IsIn(['daily'])
  kind: string = 'daily';

  @ApiProperty({ example: '2026-12-02' })
  @Matches(DAY, { message: 'workDate must be YYYY-MM-DD' })
  workDate: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the files: an applied load of the same kind, date and hash is answered instead of a new one' })
  @IsOptional()
  @Matches(SHA256)
  contentHash?: string;
}

export class CoreLoadParamDto {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  id: string;
}

export class CoreRowsParamDto extends CoreLoadParamDto {
  @ApiProperty({ enum: CORE_ROW_TABLES })
  @IsIn(CORE_ROW_TABLES)
  table: CoreRowTableName;
}
