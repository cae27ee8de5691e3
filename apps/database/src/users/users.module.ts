import { Module } from '@nestjs/common';
import { FirstAdminSeeder } from './first-admin.seeder.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, FirstAdminSeeder],
})
export class UsersModule {}
