import { Injectable, Logger } from '@nestjs/common';
import { AccessTokenService } from '#libs/auth';
import { makeProblem, ProblemError } from '#libs/common';
import { AuthMessages, MIN_ANDROID_SDK, OtaMessages, type UpdateDecision } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import type { LoginReplyDto } from './dto/login-reply.dto.js';
import type { LoginDto } from './dto/login.dto.js';
import { LoginThrottle } from './throttle/login-throttle.service.js';

/** The update check must not hold a login up: a slow ota is treated as no news. */
const UPDATE_CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Login');

  constructor(
    private readonly messages: MessageClient,
    private readonly tokens: AccessTokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Every attempt passes the throttle, which counts the wrong passwords. */
  login(dto: LoginDto, clientAddress: string): Promise<LoginReplyDto> {
    return this.throttle.guard(dto.username, clientAddress, () => this.attempt(dto));
  }

  /**
   * The ota service decides the app update first, so a phone below the minimum
   * supported version is turned away before anything is bound; then the
   * collector service checks the password and binds the phone; the gateway
   * issues the token.
   */
  private async attempt(dto: LoginDto): Promise<LoginReplyDto> {
    const decision = await this.decideUpdate(dto);
    if (decision?.belowMinimum) {
      throw new ProblemError(
        makeProblem(426, 'app-update-required', 'This app version is no longer supported; install the update to continue', {
          update: decision.update,
        }),
      );
    }
    const reply = await this.messages.send(AuthMessages.login, {
      username: dto.username,
      password: dto.password,
      deviceKey: dto.deviceId,
      deviceModel: dto.deviceModel,
      androidSdk: dto.androidSdk,
      appVersionCode: dto.appVersionCode,
    });
    const { user } = reply;
    const accessToken = this.tokens.issue(
      { sub: user.id, username: user.username, role: user.role, branchId: user.branchId, deviceId: reply.deviceId },
      new Date(reply.expiresAt),
    );
    const update = user.role === 'collector' ? (decision?.update ?? null) : null;
    return { accessToken, tokenType: 'Bearer', expiresAt: reply.expiresAt, user, batch: reply.batch, update };
  }

  /** Only a phone that can run the app is asked about; an unreachable ota means no update news, not a failed login. */
  private async decideUpdate(dto: LoginDto): Promise<UpdateDecision | null> {
    const { deviceId, androidSdk, appVersionCode } = dto;
    if (deviceId === undefined || androidSdk === undefined || appVersionCode === undefined || androidSdk < MIN_ANDROID_SDK) {
      return null;
    }
    try {
      return await this.messages.send(
        OtaMessages.decideUpdate,
        { versionCode: appVersionCode, sdkInt: androidSdk, deviceId },
        { timeoutMs: UPDATE_CHECK_TIMEOUT_MS },
      );
    } catch (error) {
      this.logger.warn({ msg: 'update check failed; login goes on without it', reason: (error as Error).message });
      return null;
    }
  }
}
