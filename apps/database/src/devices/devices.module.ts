import { Module } from '@nestjs/common';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';

@Module({
  controllers: [DevicesController],
  providers: [DevicesRepository],
})
export class DevicesModule {}
