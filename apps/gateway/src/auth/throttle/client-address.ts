import ipaddr from 'ipaddr.js';

/**
 * The part of a client's address that names one subscriber: an IPv4 address
 * (also when written IPv4-mapped, `::ffff:a.b.c.d`), or the /64 prefix of an
 * IPv6 address, since one IPv6 subscriber holds a whole /64 and could
 * otherwise pick a fresh address for every attempt.
 */
export function subscriberOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
