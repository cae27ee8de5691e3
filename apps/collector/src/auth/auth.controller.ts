import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuthMessages, type LoginReply, type LoginRequest } from '#libs/contract';
import { Handles } from '#libs/transport';
import { AuthService } from './auth.service.js';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Handles(AuthMessages.login)
  login(@Payload() request: LoginRequest): Promise<LoginReply> {
    return this.auth.login(request);
  }
}
