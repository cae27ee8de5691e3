import { ApiProperty } from '@nestjs/swagger';
import type { UpdateOffer } from '#libs/contract';
import { BatchDto } from '../../dto/batch.dto.js';
import { UserDto } from '../../dto/user.dto.js';

/** The update ota offers the phone (the same shape as ota's update check answers). */
export class AppUpdateDto implements UpdateOffer {
  @ApiProperty() versionCode: number;
  @ApiProperty() versionName: string;
  @ApiProperty() url: string;
  @ApiProperty() sha256: string;
  @ApiProperty() size: number;
  @ApiProperty() mandatory: boolean;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class LoginReplyDto {
  @ApiProperty({ description: 'Bearer token valid until the end of the working day' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: BatchDto, nullable: true, description: "A collector's open batch; null for web users" })
  batch: BatchDto | null;
  @ApiProperty({ type: AppUpdateDto, nullable: true, description: 'The OTA decision; null when the app is current' })
  update: AppUpdateDto | null;
}
