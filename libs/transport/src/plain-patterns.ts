import { ServerTCP } from '@nestjs/microservices';

/**
 * Whether a message's pattern is one of the contract's plain names
 * (`<service>.<group>.<action>`) rather than an object's JSON. Nest parses
 * every incoming pattern as JSON first, for patterns that are objects; for a
 * plain name that parse throws, and is caught, on every message: about 5 % of
 * a busy service's CPU. The servers take a plain name as its own route.
 */
export function isPlainPattern(pattern: string): boolean {
  return !pattern.startsWith('{');
}

/** Nest's TCP server, taking the contract's plain pattern names as they are. */
export class PlainPatternServerTcp extends ServerTCP {
  protected override getRouteFromPattern(pattern: string): string {
    return isPlainPattern(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }
}
