import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DEFAULT_CHANNEL } from '#libs/contract';
import { IsChannel } from '../releases/channel.js';

const APK_FILE = /^[1-9]\d{0,9}\.apk$/;

/** `/apk/coll/<channel>/<versionCode>.apk` */
export class ReleaseFileParams {
  @ApiProperty({ example: DEFAULT_CHANNEL })
  @IsChannel()
  channel: string;

  @ApiProperty({ example: '105.apk', description: '<versionCode>.apk' })
  @Matches(APK_FILE, { message: 'file must be <versionCode>.apk' })
  file: string;

  get versionCode(): number {
    return Number.parseInt(this.file, 10);
  }
}
