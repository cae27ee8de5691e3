import { ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '#libs/http';
import { AppUpdateDto } from './login-reply.dto.js';

/** The 426 of a login: the app must be updated (`app-update-required`), or Android is too old (`android-unsupported`). */
export class UpdateRequiredProblemDto extends ProblemDto {
  @ApiPropertyOptional({ type: AppUpdateDto, description: '`app-update-required`: the release to install' })
  update?: AppUpdateDto;
  @ApiPropertyOptional({ description: '`android-unsupported`: the oldest Android API level the app runs on', example: 23 })
  minAndroidSdk?: number;
}
