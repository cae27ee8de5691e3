import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { ProblemError } from '#libs/common';
import type { BindDeviceRequest, DeviceEnd, DeviceQuery, DeviceSummary, DeviceView, Page } from '#libs/contract';
import { Device, User } from '#libs/entities';
import { recordAudit } from '../audit/audit-trail.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { toDeviceView } from './device.mapper.js';

/** Which statuses each ending may start from: a released phone can still be revoked for good. */
const ENDS_FROM: Record<DeviceEnd['status'], Device['status'][]> = {
  released: ['active'],
  revoked: ['active', 'released'],
};

@Injectable()
export class DevicesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * One active phone per collector: the same phone is refreshed, another is
   * refused until an admin releases the first. A revoked phone stays out on
   * every account, and a person an admin blocked from binding keeps only the
   * phone already bound to them.
   */
  bind(request: BindDeviceRequest): Promise<DeviceView> {
    return this.transactions.run(async (manager) => {
      const at = new Date(request.at);
      const devices = manager.getRepository(Device);
      if (await devices.existsBy({ deviceKey: request.deviceKey, status: 'revoked' })) {
        throw ProblemError.forbidden('This phone was revoked by an admin and cannot be used to log in', 'device-revoked');
      }
      const active = await devices.findOneBy({ userId: request.userId, status: 'active' });
      if (active && active.deviceKey !== request.deviceKey) {
        throw ProblemError.conflict(
          'device-already-bound',
          `This account is bound to another phone${active.model ? ` (${active.model})` : ''} since ${active.boundAt.toISOString()}; an admin must release it first`,
        );
      }
      if (!active && !(await this.mayBindDevices(manager, request.userId))) {
        throw ProblemError.forbidden('An admin has blocked this account from binding a phone; ask an admin to allow it', 'device-binding-blocked');
      }
      const device =
        active ?? devices.create({ id: randomUUID(), userId: request.userId, deviceKey: request.deviceKey, status: 'active', boundAt: at, endedAt: null });
      Object.assign(device, {
        model: request.model,
        androidSdk: request.androidSdk,
        appVersionCode: request.appVersionCode,
        lastSeenAt: at,
      });
      return toDeviceView(await devices.save(device));
    });
  }

  /** Most recently bound first. */
  list(query: DeviceQuery): Promise<Page<DeviceSummary>> {
    return this.transactions.read(async (manager) => {
      const where: FindOptionsWhere<Device> = {};
      if (query.userId) where.userId = query.userId;
      if (query.status) where.status = query.status;
      const [devices, total] = await manager.findAndCount(Device, { where, order: { boundAt: 'DESC', id: 'ASC' }, skip: query.offset, take: query.limit });
      const userIds = [...new Set(devices.map((device) => device.userId))];
      const owners = userIds.length ? await manager.findBy(User, { id: In(userIds) }) : [];
      const usernames = new Map(owners.map((owner) => [owner.id, owner.username]));
      const items = devices.map((device) => ({ ...toDeviceView(device), username: usernames.get(device.userId) ?? '' }));
      return { items, total, limit: query.limit, offset: query.offset };
    });
  }

  /** The session check reads the status on every request, so the phone's token stops working with this commit. */
  end(request: DeviceEnd): Promise<DeviceSummary> {
    return this.transactions.run(async (manager) => {
      const devices = manager.getRepository(Device);
      const device = await devices.findOneBy({ id: request.deviceId });
      if (!device) throw ProblemError.notFound(`No device ${request.deviceId}`);
      if (!ENDS_FROM[request.status].includes(device.status)) {
        throw ProblemError.conflict(
          'device-status',
          `The device is ${device.status}; only a device that is ${ENDS_FROM[request.status].join(' or ')} can be ${request.status}`,
        );
      }
      const previous = device.status;
      device.status = request.status;
      device.endedAt ??= new Date(request.at);
      await devices.save(device);
      await recordAudit(manager, {
        actorId: request.actorId,
        action: request.status === 'released' ? 'device.release' : 'device.revoke',
        subjectType: 'device',
        subjectId: device.id,
        details: { userId: device.userId, deviceKey: device.deviceKey, from: previous, to: device.status },
      });
      const owner = await manager.getRepository(User).findOneBy({ id: device.userId });
      return { ...toDeviceView(device), username: owner?.username ?? '' };
    });
  }

  private async mayBindDevices(manager: EntityManager, userId: string): Promise<boolean> {
    const user = await manager.getRepository(User).findOne({ where: { id: userId }, select: { mayBindDevices: true } });
    return user?.mayBindDevices ?? false;
  }
}
