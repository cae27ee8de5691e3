import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser, SessionCheck } from '#libs/auth';
import { AuthMessages } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/** Asks the collector service, on every request, whether the token's user and phone are still allowed in. */
@Injectable()
export class CollectorSessionCheck implements SessionCheck {
  constructor(private readonly messages: MessageClient) {}

  async assertActive(user: AuthenticatedUser): Promise<void> {
    await this.messages.send(AuthMessages.checkSession, { userId: user.sub, deviceId: user.deviceId });
  }
}
