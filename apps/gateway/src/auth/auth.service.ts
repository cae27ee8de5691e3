import { Injectable } from '@nestjs/common';
import { AccessTokenService } from '#libs/auth';
import { AuthMessages } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import type { LoginReplyDto } from './dto/login-reply.dto.js';
import type { LoginDto } from './dto/login.dto.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly messages: MessageClient,
    private readonly tokens: AccessTokenService,
  ) {}

  /** The collector service checks the password and binds the phone; the gateway issues the token. */
  async login(dto: LoginDto, clientAddress: string): Promise<LoginReplyDto> {
    const reply = await this.messages.send(AuthMessages.login, {
      username: dto.username,
      password: dto.password,
      deviceKey: dto.deviceId,
      deviceModel: dto.deviceModel,
      androidSdk: dto.androidSdk,
      appVersionCode: dto.appVersionCode,
      clientAddress,
    });
    const { user } = reply;
    const accessToken = this.tokens.issue(
      { sub: user.id, username: user.username, role: user.role, branchId: user.branchId, deviceId: reply.deviceId },
      new Date(reply.expiresAt),
    );
    return { accessToken, tokenType: 'Bearer', expiresAt: reply.expiresAt, user, batch: reply.batch, update: null };
  }
}
