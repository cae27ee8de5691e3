import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { UserStore, type UserRecord } from '#libs/contract';
import { UsersRepository } from './users.repository.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @MessagePattern(UserStore.findByUsername.pattern)
  findByUsername(@Payload() request: { username: string }): Promise<UserRecord | null> {
    return this.users.findByUsername(request.username);
  }

  @MessagePattern(UserStore.findById.pattern)
  findById(@Payload() request: { userId: string }): Promise<UserRecord | null> {
    return this.users.findById(request.userId);
  }
}
