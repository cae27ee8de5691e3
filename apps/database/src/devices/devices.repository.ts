import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { BindDeviceRequest, DeviceView } from '#libs/contract';
import { Device } from '#libs/entities';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { toDeviceView } from './device.mapper.js';

@Injectable()
export class DevicesRepository {
  constructor(
    @InjectRepository(Device) private readonly devices: Repository<Device>,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * One active phone per collector: the same phone is refreshed, another is
   * refused until an admin releases the first, and a revoked phone stays out.
   */
  bind(request: BindDeviceRequest): Promise<DeviceView> {
    return this.transactions.run(async (manager) => {
      const at = new Date(request.at);
      const devices = manager.getRepository(Device);
      const active = await devices.findOneBy({ userId: request.userId, status: 'active' });
      if (active && active.deviceKey !== request.deviceKey) {
        throw ProblemError.conflict(
          'device-already-bound',
          `This account is bound to another phone${active.model ? ` (${active.model})` : ''} since ${active.boundAt.toISOString()}; an admin must release it first`,
        );
      }
      const revoked = await devices.findOneBy({ userId: request.userId, deviceKey: request.deviceKey, status: 'revoked' });
      if (revoked) {
        throw ProblemError.forbidden('This phone was revoked by an admin and cannot be used to log in');
      }
      const device =
        active ??
        devices.create({ id: randomUUID(), userId: request.userId, deviceKey: request.deviceKey, status: 'active', boundAt: at, endedAt: null });
      Object.assign(device, {
        model: request.model,
        androidSdk: request.androidSdk,
        appVersionCode: request.appVersionCode,
        lastSeenAt: at,
      });
      return toDeviceView(await devices.save(device));
    });
  }

  async findById(deviceId: string): Promise<DeviceView | null> {
    const device = await this.devices.findOneBy({ id: deviceId });
    return device ? toDeviceView(device) : null;
  }
}
