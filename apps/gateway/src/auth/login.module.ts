import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './throttle/login-throttle.service.js';
import { MemoryThrottleStore } from './throttle/memory-throttle.store.js';
import { ThrottleStore } from './throttle/throttle.store.js';

/** Counters the throttle keeps in memory: about 25 MB at most (up to three per attempt, measured about 250 bytes each). */
const THROTTLE_MAX_KEYS = 100_000;

@Module({
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: ThrottleStore, useFactory: () => new MemoryThrottleStore(THROTTLE_MAX_KEYS) }],
})
export class LoginModule {}
