import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeviceStore, type BindDeviceRequest, type DeviceEnd, type DeviceQuery, type DeviceSummary, type DeviceView, type Page } from '#libs/contract';
import { DevicesRepository } from './devices.repository.js';

@Controller()
export class DevicesController {
  constructor(private readonly devices: DevicesRepository) {}

  @MessagePattern(DeviceStore.bind.pattern)
  bind(@Payload() request: BindDeviceRequest): Promise<DeviceView> {
    return this.devices.bind(request);
  }

  @MessagePattern(DeviceStore.list.pattern)
  list(@Payload() query: DeviceQuery): Promise<Page<DeviceSummary>> {
    return this.devices.list(query);
  }

  @MessagePattern(DeviceStore.end.pattern)
  end(@Payload() request: DeviceEnd): Promise<DeviceSummary> {
    return this.devices.end(request);
  }
}
