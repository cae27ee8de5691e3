import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Device } from '#libs/entities';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Device])],
  controllers: [DevicesController],
  providers: [DevicesRepository],
})
export class DevicesModule {}
