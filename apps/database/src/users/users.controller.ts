import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  UserStore,
  type NewUserRecord,
  type Page,
  type PasswordChange,
  type ReceiptRangeChange,
  type SessionRecord,
  type UserChange,
  type UserQuery,
  type UserRecord,
  type UserSummary,
} from '#libs/contract';
import { UsersRepository } from './users.repository.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @MessagePattern(UserStore.findByUsername.pattern)
  findByUsername(@Payload() request: { username: string }): Promise<UserRecord | null> {
    return this.users.findByUsername(request.username);
  }

  @MessagePattern(UserStore.sessionOf.pattern)
  sessionOf(@Payload() request: { userId: string; deviceId: string | null }): Promise<SessionRecord | null> {
    return this.users.sessionOf(request.userId, request.deviceId);
  }

  @MessagePattern(UserStore.findById.pattern)
  findById(@Payload() request: { userId: string }): Promise<UserRecord | null> {
    return this.users.findById(request.userId);
  }

  @MessagePattern(UserStore.list.pattern)
  list(@Payload() query: UserQuery): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @MessagePattern(UserStore.create.pattern)
  create(@Payload() record: NewUserRecord): Promise<UserSummary> {
    return this.users.create(record);
  }

  @MessagePattern(UserStore.update.pattern)
  update(@Payload() change: UserChange): Promise<UserSummary> {
    return this.users.update(change);
  }

  @MessagePattern(UserStore.setPassword.pattern)
  setPassword(@Payload() change: PasswordChange): Promise<UserSummary> {
    return this.users.setPassword(change);
  }

  @MessagePattern(UserStore.assignReceiptRange.pattern)
  assignReceiptRange(@Payload() change: ReceiptRangeChange): Promise<UserSummary> {
    return this.users.assignReceiptRange(change);
  }
}
