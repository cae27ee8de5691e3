import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthMessages, type LoginReply, type LoginRequest, type SessionCheckRequest, type SessionStanding } from '#libs/contract';
import { AuthService } from './auth.service.js';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(AuthMessages.login.pattern)
  login(@Payload() request: LoginRequest): Promise<LoginReply> {
    return this.auth.login(request);
  }

  @MessagePattern(AuthMessages.checkSession.pattern)
  checkSession(@Payload() request: SessionCheckRequest): Promise<SessionStanding> {
    return this.auth.checkSession(request);
  }
}
