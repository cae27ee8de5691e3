import { Injectable } from '@nestjs/common';
import { hashPassword } from '#libs/password';
import { ProblemError } from '#libs/common';
import {
  BranchStore,
  UserStore,
  type AssignReceiptRangeRequest,
  type CreateUserRequest,
  type ListUsersRequest,
  type Page,
  type ResetPasswordRequest,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '#libs/contract';
import { MessageClient } from '#libs/transport';
import { assertAdmin } from './admin-access.js';

@Injectable()
export class UsersService {
  constructor(private readonly messages: MessageClient) {}

  async list(request: ListUsersRequest): Promise<Page<UserSummary>> {
    assertAdmin(request.actor);
    const branchId = request.branchCode ? await this.branchIdOf(request.branchCode) : undefined;
    return this.messages.send(UserStore.list, { role: request.role, branchId, active: request.active, limit: request.limit, offset: request.offset });
  }

  async create(request: CreateUserRequest): Promise<UserSummary> {
    assertAdmin(request.actor);
    const branchCode = request.branchCode ?? null;
    assertBranchFitsRole(request.role, branchCode);
    const branchId = await this.branchIdOrNull(branchCode);
    return this.messages.send(UserStore.create, {
      actorId: request.actor.userId,
      username: request.username,
      fullName: request.fullName,
      role: request.role,
      branchId,
      passwordHash: await hashPassword(request.password),
    });
  }

  /** Role and branch are checked together, as they will stand after the change. */
  async update(request: UpdateUserRequest): Promise<UserSummary> {
    assertAdmin(request.actor);
    const current = await this.existing(request.userId);
    if (request.userId === request.actor.userId && (request.active === false || (request.role && request.role !== 'admin'))) {
      throw ProblemError.conflict('own-admin-account', 'An admin cannot disable or demote their own account');
    }
    const role = request.role ?? current.role;
    const branchCode = request.branchCode === undefined ? current.branchCode : request.branchCode;
    assertBranchFitsRole(role, branchCode);
    const branchId = branchCode === current.branchCode ? current.branchId : await this.branchIdOrNull(branchCode);
    return this.messages.send(UserStore.update, {
      actorId: request.actor.userId,
      userId: request.userId,
      fullName: request.fullName,
      role: request.role,
      branchId,
      active: request.active,
      mayBindDevices: request.mayBindDevices,
    });
  }

  async resetPassword(request: ResetPasswordRequest): Promise<UserSummary> {
    assertAdmin(request.actor);
    await this.existing(request.userId);
    return this.messages.send(UserStore.setPassword, {
      actorId: request.actor.userId,
      userId: request.userId,
      passwordHash: await hashPassword(request.password),
    });
  }

  async assignReceiptRange(request: AssignReceiptRangeRequest): Promise<UserSummary> {
    assertAdmin(request.actor);
    const user = await this.existing(request.userId);
    if (user.role !== 'collector') throw ProblemError.conflict('not-a-collector', `${user.username} is a ${user.role}; only collectors print receipts`);
    if (request.from > request.to) throw ProblemError.validation([{ field: 'to', message: 'to must not be below from' }]);
    return this.messages.send(UserStore.assignReceiptRange, {
      actorId: request.actor.userId,
      userId: request.userId,
      prefix: request.prefix,
      from: request.from,
      to: request.to,
    });
  }

  private async existing(userId: string) {
    const user = await this.messages.send(UserStore.findById, { userId });
    if (!user) throw ProblemError.notFound(`No user ${userId}`);
    return user;
  }

  private async branchIdOrNull(code: string | null): Promise<string | null> {
    return code ? this.branchIdOf(code) : null;
  }

  private async branchIdOf(code: string): Promise<string> {
    const branch = await this.messages.send(BranchStore.findByCode, { code });
    if (!branch) throw ProblemError.validation([{ field: 'branchCode', message: `no branch ${code}` }]);
    return branch.id;
  }
}

/** Collectors and supervisors work for one branch; admins for none. */
function assertBranchFitsRole(role: Role, branchCode: string | null): void {
  if (role === 'admin' && branchCode) throw ProblemError.validation([{ field: 'branchCode', message: 'an admin belongs to no branch' }]);
  if (role !== 'admin' && !branchCode) throw ProblemError.validation([{ field: 'branchCode', message: `a ${role} needs a branch` }]);
}
