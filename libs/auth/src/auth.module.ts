import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '#libs/config';
import { AccessTokenService } from './access-token.service.js';
import { AuthGuard } from './auth.guard.js';
import { DatabaseSessionCheck } from './database-session.check.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { SESSION_CHECK } from './session.check.js';

/**
 * Bearer-token authentication for a public HTTP app: the token service and a
 * global guard, which reads the caller's session from the database service on
 * every request (the app needs a client for it).
 */
@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [
        JwtModule.registerAsync({
          inject: [AppConfig],
          // A key object, not a string: jsonwebtoken would otherwise try to parse the secret as a public key on every verify.
          useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(resolveJwtSecret(config))) }),
        }),
      ],
      providers: [AccessTokenService, AuthGuard, { provide: APP_GUARD, useExisting: AuthGuard }, { provide: SESSION_CHECK, useClass: DatabaseSessionCheck }],
      // The guard too, for a route answered ahead of Nest's pipeline, which must be admitted the same way.
      exports: [AccessTokenService, AuthGuard],
    };
  }
}
