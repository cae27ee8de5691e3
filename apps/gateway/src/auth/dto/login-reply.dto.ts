import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LoginUserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ['collector', 'supervisor', 'admin'] }) role: string;
  @ApiProperty({ nullable: true, type: String }) branchId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'JKT01' }) branchCode: string | null;
}

export class LoginBatchDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-11-28' }) workDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

export class AppUpdateDto {
  @ApiProperty() versionCode: number;
  @ApiProperty() versionName: string;
  @ApiProperty() url: string;
  @ApiProperty() sha256: string;
  @ApiProperty() size: number;
  @ApiProperty() mandatory: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) notes: string | null;
}

export class LoginReplyDto {
  @ApiProperty({ description: 'Bearer token valid until the end of the working day' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
  @ApiProperty({ type: LoginBatchDto, nullable: true, description: "A collector's open batch; null for web users" })
  batch: LoginBatchDto | null;
  @ApiProperty({ type: AppUpdateDto, nullable: true, description: 'The OTA decision; null when the app is current' })
  update: AppUpdateDto | null;
}
