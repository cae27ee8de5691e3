import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Branch, ReceiptRange, User } from '#libs/entities';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, Branch, ReceiptRange])],
  controllers: [UsersController],
  providers: [UsersRepository],
})
export class UsersModule {}
