import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '#libs/auth';
import type { ReceiptRangeView, UserSummary } from '#libs/contract';
import { PageQueryDto } from '../../dto/page-query.dto.js';
import { BRANCH_CODE, QueryBoolean } from '../../dto/formats.js';
import { UserDto } from '../../dto/user.dto.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const RECEIPT_PREFIX = /^[A-Z][A-Z0-9]{1,9}$/;
/** Receipt numbers are printed as the prefix and six digits. */
const MAX_RECEIPT_NO = 999_999;

export class ReceiptRangeDto implements ReceiptRangeView {
  @ApiProperty({ example: 'KWJ3', description: 'Printed before the number; unique across all ranges' })
  @IsString()
  @Matches(RECEIPT_PREFIX, { message: 'prefix must be 2 to 10 capital letters or digits, starting with a letter' })
  prefix: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: MAX_RECEIPT_NO })
  @IsInt()
  @Min(1)
  @Max(MAX_RECEIPT_NO)
  from: number;

  @ApiProperty({ example: 500, minimum: 1, maximum: MAX_RECEIPT_NO })
  @IsInt()
  @Min(1)
  @Max(MAX_RECEIPT_NO)
  to: number;
}

export class UserSummaryDto extends UserDto implements UserSummary {
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'false: the collector may log in only on a phone already bound to them' }) mayBindDevices: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: ReceiptRangeDto, nullable: true, description: "A collector's current receipt range" })
  receiptRange: ReceiptRangeDto | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: 'JKT01' })
  @IsOptional()
  @Matches(BRANCH_CODE)
  branchCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'collector4', description: 'Lowercase letters, digits, dot, dash, underscore; unique' })
  @IsString()
  @Matches(USERNAME, { message: 'username must be 3 to 64 lowercase letters, digits, ".", "-" or "_"' })
  username: string;

  @ApiProperty({ example: 'Budi Santoso' })
  @IsString()
  @Length(1, 120)
  fullName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ example: 'JKT01', nullable: true, type: String, description: 'Required for collectors and supervisors; absent for admins' })
  @IsOptional()
  @Matches(BRANCH_CODE)
  branchCode?: string | null;

  @ApiProperty({ format: 'password', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  fullName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null takes the user out of any branch (admins only)' })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @Matches(BRANCH_CODE)
  branchCode?: string | null;

  @ApiPropertyOptional({ description: 'false disables the account: its tokens stop working at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    description:
      'false stops the person from binding any phone: login then admits only a phone already bound to them (revoke it to stop that one too); true lets them bind one again',
  })
  @IsOptional()
  @IsBoolean()
  mayBindDevices?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ format: 'password', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128, { message: 'password must be 8 to 128 characters long' })
  password: string;
}
