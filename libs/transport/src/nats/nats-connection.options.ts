import { hostname } from 'node:os';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import type { AppConfig, NatsSettings } from '#libs/config';

/**
 * A broker that goes away is waited for, for ever: a service never gives up on it and never needs a
 * restart once it is back. Each try is a quarter second apart, so a restarted broker is found again
 * within a second.
 */
const RECONNECT_WAIT_MS = 250;

function natsSettingsOf(config: AppConfig): NatsSettings {
  if (!config.nats) throw new Error('TRANSPORT=nats needs NATS_URL');
  return config.nats;
}

/** How a process of this installation connects to the broker, named so that the broker's monitoring tells them apart. */
export function natsConnectionOptions(config: AppConfig, role: string): NodeConnectionOptions {
  const nats = natsSettingsOf(config);
  return {
    servers: nats.servers,
    name: `${role}@${hostname()}:${process.pid}`,
    ...(nats.user !== undefined ? { user: nats.user, pass: nats.password } : {}),
    ...(nats.token !== undefined ? { token: nats.token } : {}),
    ...(nats.tlsCaFile !== undefined ? { tls: { caFile: nats.tlsCaFile } } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: 50,
    // A service started before the broker (containers start in any order) waits for it rather than exiting.
    waitOnFirstConnect: true,
  };
}
