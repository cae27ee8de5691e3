import { describe, expect, it } from '@jest/globals';
import { subscriberOf } from './client-address.js';

describe('subscriberOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:aa:bb:1:2:3:4', '2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb::ffff', '2001:db8:aa:bb::/64'],
    ['::1', '::/64'],
    ['not an address', 'not an address'],
  ])('names %s as %s', (address, subscriber) => {
    expect(subscriberOf(address)).toBe(subscriber);
  });
});
