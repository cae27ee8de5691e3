import { Injectable } from '@nestjs/common';
import { UserStore, type SessionCheckRequest, type SessionStanding } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import type { SessionCheck } from './session.check.js';
import { sessionStanding } from './session-standing.js';

/**
 * Reads the token's user and phone from the database service on every
 * request, with no cache, and applies `sessionStanding`. Both public apps ask
 * the database directly: the record is there, and a hop through the collector
 * service would only relay it (one message and its reply more per request).
 */
@Injectable()
export class DatabaseSessionCheck implements SessionCheck {
  constructor(private readonly messages: MessageClient) {}

  async standingOf(claims: SessionCheckRequest): Promise<SessionStanding> {
    return sessionStanding(claims, await this.messages.send(UserStore.sessionOf, { userId: claims.userId, deviceId: claims.deviceId }));
  }
}
