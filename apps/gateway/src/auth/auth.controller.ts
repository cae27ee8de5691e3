import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { AuthService } from './auth.service.js';
import { LoginReplyDto } from './dto/login-reply.dto.js';
import { LoginDto } from './dto/login.dto.js';
import { UpdateRequiredProblemDto } from './dto/update-required-problem.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Online login',
    description:
      'Collectors send their phone (deviceId, androidSdk, appVersionCode): one bound phone per collector (409 for another until an admin releases it), 426 below Android 6.0. Failed logins are throttled per user and address and per address (429 with Retry-After); when too many passwords are being checked at once, 503 login-busy with Retry-After.',
  })
  @ApiOkResponse({ type: LoginReplyDto })
  @ApiProblemResponses(400)
  @ApiProblemResponse(401, 'Wrong username or password, or the user is disabled')
  @ApiProblemResponse(403, 'The phone is revoked, or the user may not bind phones')
  @ApiProblemResponse(409, 'The collector is bound to another phone until an admin releases it')
  @ApiProblemResponse(
    426,
    'The app is below the minimum version (`app-update-required`, with the update) or Android is older than 6.0 (`android-unsupported`)',
    UpdateRequiredProblemDto,
  )
  @ApiProblemResponse(429, 'Too many failed logins from this user or address; retry after Retry-After seconds')
  @ApiProblemResponse(503, '`login-busy`: too many passwords are being checked at once, or a service is down; retry after Retry-After seconds')
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginReplyDto> {
    return this.auth.login(dto, address);
  }
}
