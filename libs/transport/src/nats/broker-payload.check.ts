import type { NatsConnection } from '@nats-io/transport-node';
import { ConfigError, type AppConfig } from '#libs/config';
import { maxMessageLength } from '../message-limits.js';

/**
 * Refuses to run on a broker whose `max_payload` is smaller than the largest message this
 * installation sends (a photo of MEDIA_MAX_BYTES in a message): such a photo would be refused by the
 * broker in the middle of a collector's day, not at start-up where an operator sees it.
 */
export function assertMessagesFitBroker(connection: NatsConnection, config: AppConfig): void {
  const brokerLimit = connection.info?.max_payload;
  const largest = maxMessageLength(config);
  if (brokerLimit === undefined || brokerLimit >= largest) return;
  throw new ConfigError(
    'MEDIA_MAX_BYTES',
    `a message of up to ${largest} bytes (a photo of ${config.mediaMaxBytes} bytes with its envelope) does not fit the NATS broker's ` +
      `max_payload of ${brokerLimit} bytes; raise max_payload in the nats-server configuration (to ${Math.ceil(largest / 1048576)}MB or more) or lower MEDIA_MAX_BYTES`,
  );
}
