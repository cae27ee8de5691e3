import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordCheckLimiter } from './password-check.limiter.js';

@Module({
  controllers: [AuthController],
  providers: [AuthService, PasswordCheckLimiter],
})
export class LoginModule {}
