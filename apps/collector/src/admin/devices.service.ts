import { Injectable } from '@nestjs/common';
import { DeviceStore, type DeviceActionRequest, type DeviceSummary, type ListDevicesRequest, type Page } from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from './admin-access.js';

@Injectable()
export class DevicesService {
  constructor(private readonly messages: MessageClient) {}

  list(request: ListDevicesRequest): Promise<Page<DeviceSummary>> {
    assertAdmin(request.actor);
    return this.messages.send(DeviceStore.list, { userId: request.userId, status: request.status, limit: request.limit, offset: request.offset });
  }

  /** The collector may bind another phone; this one's token stops working. */
  release(request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.end(request, 'released');
  }

  /** The phone's token stops working at once and the phone cannot log in again. */
  revoke(request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.end(request, 'revoked');
  }

  private end(request: DeviceActionRequest, status: 'released' | 'revoked'): Promise<DeviceSummary> {
    assertAdmin(request.actor);
    return this.messages.send(DeviceStore.end, { actorId: request.actor.userId, deviceId: request.deviceId, status, at: new Date().toISOString() });
  }
}
