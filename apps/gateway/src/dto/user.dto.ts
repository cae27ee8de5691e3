import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '#libs/auth';
import type { UserView } from '#libs/contract';

/** A user as the login reply and the admin lists show them. */
export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ nullable: true, type: String }) branchId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'JKT01' }) branchCode: string | null;
}
