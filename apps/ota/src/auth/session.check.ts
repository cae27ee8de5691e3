import { Injectable } from '@nestjs/common';
import { sessionStanding, type SessionCheck } from '#libs/auth';
import { UserStore, type SessionCheckRequest, type SessionStanding } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/**
 * Reads the token's user and phone from the database service on every admin
 * request and applies the same rule as the gateway: ota reaches no other service.
 */
@Injectable()
export class DatabaseSessionCheck implements SessionCheck {
  constructor(private readonly messages: MessageClient) {}

  async standingOf(claims: SessionCheckRequest): Promise<SessionStanding> {
    return sessionStanding(claims, await this.messages.send(UserStore.sessionOf, { userId: claims.userId, deviceId: claims.deviceId }));
  }
}
