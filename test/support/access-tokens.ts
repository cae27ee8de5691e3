import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import type { AccessClaims } from '#libs/auth';
import type { RunningSystem } from './system-harness.js';

/**
 * A token signed with the system's own key, for testing a service whose
 * callers would normally log in first. Tests of login itself use the API.
 */
export function signAccessToken(system: RunningSystem, claims: AccessClaims, ttlSeconds = 3600): string {
  const secret = system.env.JWT_SECRET ?? readFileSync(join(system.dataDir, 'secrets', 'jwt.key'), 'utf8').trim();
  const { sub, ...rest } = claims;
  return new JwtService({ secret }).sign(
    { ...rest, exp: Math.floor(Date.now() / 1000) + ttlSeconds },
    { subject: sub, algorithm: 'HS256', issuer: 'mobile-collection' },
  );
}
