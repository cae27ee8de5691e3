import { Injectable } from '@nestjs/common';
import type { SessionCheck } from '#libs/auth';
import { AuthMessages, type SessionCheckRequest, type SessionStanding } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/** Asks the collector service, on every request, who the token's user is now; one message, no cache. */
@Injectable()
export class CollectorSessionCheck implements SessionCheck {
  constructor(private readonly messages: MessageClient) {}

  standingOf(claims: SessionCheckRequest): Promise<SessionStanding> {
    return this.messages.send(AuthMessages.checkSession, claims);
  }
}
