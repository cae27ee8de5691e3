import { defineMessage } from '../message.js';
import type { DecideUpdateRequest, UpdateDecision } from './release.js';

/** What the ota app answers over the transport. */
export const OtaMessages = {
  /**
   * The update decision the phone's own check gets, asked by the gateway at
   * login. `channel` defaults to production. An `sdkInt` below 23 is refused
   * with a 426 `android-unsupported` problem.
   */
  decideUpdate: defineMessage<DecideUpdateRequest, UpdateDecision>('ota', 'updates.decide'),
} as const;
