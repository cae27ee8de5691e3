import { Injectable } from '@nestjs/common';
import { endOfWorkDate, ProblemError, workDateOf } from '#libs/common';
import { AppConfig } from '#libs/config';
import { BatchStore, DeviceStore, MIN_ANDROID_SDK, UserStore, type LoginReply, type LoginRequest, type UserRecord } from '#libs/contract';
import { decoyPasswordHash, verifyPassword } from '#libs/password';
import { MessageClient } from '#libs/transport';
import { PasswordCheckLimiter } from './password-check.limiter.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly messages: MessageClient,
    private readonly passwordChecks: PasswordCheckLimiter,
    private readonly config: AppConfig,
  ) {}

  async login(request: LoginRequest): Promise<LoginReply> {
    const user = await this.passwordChecks.run(() => this.authenticate(request));
    const now = new Date();
    const workDate = workDateOf(now, this.config.workTimeZone);
    const expiresAt = endOfWorkDate(workDate, this.config.workTimeZone).toISOString();
    const view = {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      role: user.role,
      branchId: user.branchId,
      branchCode: user.branchCode,
    };
    if (user.role !== 'collector') return { user: view, deviceId: null, batch: null, expiresAt };

    const phone = requirePhone(request);
    const device = await this.messages.send(DeviceStore.bind, {
      userId: user.id,
      deviceKey: phone.deviceKey,
      model: request.deviceModel ?? null,
      androidSdk: phone.androidSdk,
      appVersionCode: phone.appVersionCode,
      at: now.toISOString(),
    });
    const batch = await this.messages.send(BatchStore.openForLogin, {
      collectorId: user.id,
      deviceId: device.id,
      workDate,
      at: now.toISOString(),
    });
    return { user: view, deviceId: device.id, batch, expiresAt };
  }

  private async authenticate(request: LoginRequest): Promise<UserRecord> {
    const user = await this.messages.send(UserStore.findByUsername, { username: request.username });
    const valid = await verifyPassword(request.password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !valid || !user.active) throw ProblemError.unauthorized('Wrong username or password');
    return user;
  }
}

function requirePhone(request: LoginRequest): { deviceKey: string; androidSdk: number; appVersionCode: number } {
  const missing = (['deviceKey', 'androidSdk', 'appVersionCode'] as const).filter((field) => request[field] === undefined);
  if (missing.length > 0) {
    throw ProblemError.validation(
      missing.map((field) => ({
        field: field === 'deviceKey' ? 'deviceId' : field,
        message: `${field === 'deviceKey' ? 'deviceId' : field} is required for a collector`,
      })),
    );
  }
  if (request.androidSdk! < MIN_ANDROID_SDK) {
    throw ProblemError.androidUnsupported(request.androidSdk!, MIN_ANDROID_SDK);
  }
  return { deviceKey: request.deviceKey!, androidSdk: request.androidSdk!, appVersionCode: request.appVersionCode! };
}
