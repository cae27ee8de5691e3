import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Device, User } from '#libs/entities';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Device, User])],
  controllers: [DevicesController],
  providers: [DevicesRepository],
})
export class DevicesModule {}
