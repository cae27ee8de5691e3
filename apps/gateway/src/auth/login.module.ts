import { Module } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './throttle/login-throttle.service.js';
import { MemoryThrottleStore } from './throttle/memory-throttle.store.js';
import { RedisThrottleStore } from './throttle/redis-throttle.store.js';
import { ThrottleStore } from './throttle/throttle.store.js';

/** Counters the throttle keeps in memory: about 25 MB at most (up to three per attempt, measured about 250 bytes each). */
const THROTTLE_MAX_KEYS = 100_000;

/** One gateway counts in its own memory; replicas share their counters through Redis when `REDIS_URL` is set. */
function throttleStoreFor(config: AppConfig): ThrottleStore {
  return config.redisUrl ? new RedisThrottleStore(config.redisUrl) : new MemoryThrottleStore(THROTTLE_MAX_KEYS);
}

@Module({
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: ThrottleStore, inject: [AppConfig], useFactory: throttleStoreFor }],
})
export class LoginModule {}
