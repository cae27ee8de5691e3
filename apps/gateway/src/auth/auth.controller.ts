import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { AuthService } from './auth.service.js';
import { LoginReplyDto } from './dto/login-reply.dto.js';
import { LoginDto } from './dto/login.dto.js';

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
  login(@Body() dto: LoginDto, @Ip() address: string): Promise<LoginReplyDto> {
    return this.auth.login(dto, address);
  }
}
