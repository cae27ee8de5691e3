import { describe, expect, it } from '@jest/globals';
import type { NatsConnection } from '@nats-io/transport-node';
import { ConfigError, loadConfig } from '#libs/config';
import { maxMessageLength } from '../message-limits.js';
import { assertMessagesFitBroker } from './broker-payload.check.js';

function brokerWith(maxPayload: number): NatsConnection {
  return { info: { max_payload: maxPayload } } as unknown as NatsConnection;
}

describe('assertMessagesFitBroker', () => {
  const config = loadConfig({ MEDIA_MAX_BYTES: String(10 * 1024 * 1024) });

  it("refuses a broker whose max_payload (nats-server's default 1 MiB) cannot carry the largest photo message, naming both sizes", () => {
    let refusal: unknown;
    try {
      assertMessagesFitBroker(brokerWith(1024 * 1024), config);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).variable).toBe('MEDIA_MAX_BYTES');
    expect((refusal as ConfigError).message).toContain(`a message of up to ${maxMessageLength(config)} bytes`);
    expect((refusal as ConfigError).message).toContain('max_payload of 1048576 bytes');
    expect((refusal as ConfigError).message).toContain('to 11MB or more');
  });

  it('accepts a broker whose max_payload is the largest message or more', () => {
    expect(() => assertMessagesFitBroker(brokerWith(maxMessageLength(config)), config)).not.toThrow();
    expect(() => assertMessagesFitBroker(brokerWith(16 * 1024 * 1024), config)).not.toThrow();
    expect(() => assertMessagesFitBroker(brokerWith(maxMessageLength(config) - 1), config)).toThrow(ConfigError);
  });

  it('lets a smaller MEDIA_MAX_BYTES run on the default broker', () => {
    expect(() => assertMessagesFitBroker(brokerWith(1024 * 1024), loadConfig({ MEDIA_MAX_BYTES: String(512 * 1024) }))).not.toThrow();
  });
});
