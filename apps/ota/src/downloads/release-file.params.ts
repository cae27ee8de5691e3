import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DEFAULT_CHANNEL } from '#libs/contract';
import { CHANNEL_PATTERN } from '../releases/channel.js';

const APK_FILE = /^[1-9]\d{0,9}\.apk$/;

/** `/apk/coll/<channel>/<versionCode>.apk` */
export class ReleaseFileParams {
  @ApiProperty({ example: DEFAULT_CHANNEL })
  @Matches(CHANNEL_PATTERN, { message: 'channel must be lower-case letters, digits and dashes' })
  channel: string;

  @ApiProperty({ example: '105.apk', description: '<versionCode>.apk' })
  @Matches(APK_FILE, { message: 'file must be <versionCode>.apk' })
  file: string;

  get versionCode(): number {
    return Number.parseInt(this.file, 10);
  }
}
