import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeviceStore, type BindDeviceRequest, type DeviceEnd, type DeviceQuery, type DeviceSummary, type DeviceView, type Page } from '#libs/contract';
import { Handles } from '#libs/transport';
import { DevicesRepository } from './devices.repository.js';

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesRepository) {}

  @Handles(DeviceStore.bind)
  bind(@Payload() request: BindDeviceRequest): Promise<DeviceView> {
    return this.devices.bind(request);
  }

  @Handles(DeviceStore.list)
  list(@Payload() query: DeviceQuery): Promise<Page<DeviceSummary>> {
    return this.devices.list(query);
  }

  @Handles(DeviceStore.end)
  end(@Payload() request: DeviceEnd): Promise<DeviceSummary> {
    return this.devices.end(request);
  }
}
