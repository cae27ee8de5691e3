import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AdminMessages,
  type Actor,
  type AssignReceiptRangeRequest,
  type AuditEntryView,
  type CreateResultCodeRequest,
  type CreateUserRequest,
  type DeviceActionRequest,
  type DeviceSummary,
  type ListAuditRequest,
  type ListDevicesRequest,
  type ListUsersRequest,
  type Page,
  type ResetPasswordRequest,
  type ResultCodeView,
  type UpdateResultCodeRequest,
  type UpdateUserRequest,
  type UserSummary,
} from '#libs/contract';
import { AuditService } from './audit.service.js';
import { DevicesService } from './devices.service.js';
import { ResultCodesService } from './result-codes.service.js';
import { UsersService } from './users.service.js';

@Controller()
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly devices: DevicesService,
    private readonly resultCodes: ResultCodesService,
    private readonly audit: AuditService,
  ) {}

  @MessagePattern(AdminMessages.listUsers.pattern)
  listUsers(@Payload() request: ListUsersRequest): Promise<Page<UserSummary>> {
    return this.users.list(request);
  }

  @MessagePattern(AdminMessages.createUser.pattern)
  createUser(@Payload() request: CreateUserRequest): Promise<UserSummary> {
    return this.users.create(request);
  }

  @MessagePattern(AdminMessages.updateUser.pattern)
  updateUser(@Payload() request: UpdateUserRequest): Promise<UserSummary> {
    return this.users.update(request);
  }

  @MessagePattern(AdminMessages.resetPassword.pattern)
  resetPassword(@Payload() request: ResetPasswordRequest): Promise<UserSummary> {
    return this.users.resetPassword(request);
  }

  @MessagePattern(AdminMessages.assignReceiptRange.pattern)
  assignReceiptRange(@Payload() request: AssignReceiptRangeRequest): Promise<UserSummary> {
    return this.users.assignReceiptRange(request);
  }

  @MessagePattern(AdminMessages.listDevices.pattern)
  listDevices(@Payload() request: ListDevicesRequest): Promise<Page<DeviceSummary>> {
    return this.devices.list(request);
  }

  @MessagePattern(AdminMessages.releaseDevice.pattern)
  releaseDevice(@Payload() request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.devices.release(request);
  }

  @MessagePattern(AdminMessages.revokeDevice.pattern)
  revokeDevice(@Payload() request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.devices.revoke(request);
  }

  @MessagePattern(AdminMessages.listResultCodes.pattern)
  listResultCodes(@Payload() request: { actor: Actor }): Promise<ResultCodeView[]> {
    return this.resultCodes.list(request.actor);
  }

  @MessagePattern(AdminMessages.createResultCode.pattern)
  createResultCode(@Payload() request: CreateResultCodeRequest): Promise<ResultCodeView> {
    return this.resultCodes.create(request);
  }

  @MessagePattern(AdminMessages.updateResultCode.pattern)
  updateResultCode(@Payload() request: UpdateResultCodeRequest): Promise<ResultCodeView> {
    return this.resultCodes.update(request);
  }

  @MessagePattern(AdminMessages.listAudit.pattern)
  listAudit(@Payload() request: ListAuditRequest): Promise<Page<AuditEntryView>> {
    return this.audit.list(request);
  }
}
