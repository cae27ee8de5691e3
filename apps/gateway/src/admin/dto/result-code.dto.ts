import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { ResultCodeView, ResultRequirements } from '#libs/contract';
import { RESULT_CODE, RESULT_CODE_MESSAGE } from '../../dto/formats.js';

export class ResultRequirementsDto implements ResultRequirements {
  @ApiProperty({ description: 'A payment amount and a receipt number' })
  @IsBoolean()
  payment: boolean;

  @ApiProperty({ description: 'A promise-to-pay date and amount' })
  @IsBoolean()
  promise: boolean;

  @ApiProperty({ description: 'A GPS position' })
  @IsBoolean()
  gps: boolean;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt()
  @Min(0)
  @Max(10)
  minPhotos: number;
}

export class ResultCodeDto implements ResultCodeView {
  @ApiProperty({ example: 'NOT_HOME' }) code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: ResultRequirementsDto }) requires: ResultRequirementsDto;
  @ApiProperty() active: boolean;
  @ApiProperty() sortOrder: number;
}

export class CreateResultCodeDto {
  @ApiProperty({ example: 'NOT_HOME', description: 'Capital letters, digits and "_", starting with a letter, at most 16' })
  @IsString()
  @Matches(RESULT_CODE, { message: RESULT_CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Tidak di rumah (not at home)' })
  @IsString()
  @Length(1, 80)
  label: string;

  @ApiProperty({ type: ResultRequirementsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ResultRequirementsDto)
  requires: ResultRequirementsDto;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active: boolean = true;

  @ApiPropertyOptional({ default: 100, minimum: 0, maximum: 10_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder: number = 100;
}

export class RequirementsChangeDto extends PartialType(ResultRequirementsDto) {}

export class UpdateResultCodeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  label?: string;

  @ApiPropertyOptional({ type: RequirementsChangeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementsChangeDto)
  requires?: RequirementsChangeDto;

  @ApiPropertyOptional({ description: 'An inactive code is no longer offered to phones' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}

export class ResultCodeParamDto {
  @ApiProperty({ example: 'PAID' })
  @Matches(RESULT_CODE, { message: RESULT_CODE_MESSAGE })
  code: string;
}
