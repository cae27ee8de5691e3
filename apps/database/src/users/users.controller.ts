import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { Handles } from '#libs/transport';
import { UsersRepository } from './users.repository.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Handles(UserStore.findByUsername)
  findByUsername(@Payload() request: { username: string }): Promise<UserRecord | null> {
    return this.users.findByUsername(request.username);
  }

  @Handles(UserStore.sessionOf)
  sessionOf(@Payload() request: { userId: string; deviceId: string | null }): Promise<SessionRecord | null> {
    return this.users.sessionOf(request.userId, request.deviceId);
  }

  @Handles(UserStore.findById)
  findById(@Payload() request: { userId: string }): Promise<UserRecord | null> {
    return this.users.findById(request.userId);
  }

  @Handles(UserStore.list)
  list(@Payload() query: UserQuery): Promise<Page<UserSummary>> {
    return this.users.list(query);
  }

  @Handles(UserStore.create)
  create(@Payload() record: NewUserRecord): Promise<UserSummary> {
    return this.users.create(record);
  }

  @Handles(UserStore.update)
  update(@Payload() change: UserChange): Promise<UserSummary> {
    return this.users.update(change);
  }

  @Handles(UserStore.setPassword)
  setPassword(@Payload() change: PasswordChange): Promise<UserSummary> {
    return this.users.setPassword(change);
  }

  @Handles(UserStore.assignReceiptRange)
  assignReceiptRange(@Payload() change: ReceiptRangeChange): Promise<UserSummary> {
    return this.users.assignReceiptRange(change);
  }
}
