import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { Handles } from '#libs/transport';
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

  @Handles(AdminMessages.listUsers)
  listUsers(@Payload() request: ListUsersRequest): Promise<Page<UserSummary>> {
    return this.users.list(request);
  }

  @Handles(AdminMessages.createUser)
  createUser(@Payload() request: CreateUserRequest): Promise<UserSummary> {
    return this.users.create(request);
  }

  @Handles(AdminMessages.updateUser)
  updateUser(@Payload() request: UpdateUserRequest): Promise<UserSummary> {
    return this.users.update(request);
  }

  @Handles(AdminMessages.resetPassword)
  resetPassword(@Payload() request: ResetPasswordRequest): Promise<UserSummary> {
    return this.users.resetPassword(request);
  }

  @Handles(AdminMessages.assignReceiptRange)
  assignReceiptRange(@Payload() request: AssignReceiptRangeRequest): Promise<UserSummary> {
    return this.users.assignReceiptRange(request);
  }

  @Handles(AdminMessages.listDevices)
  listDevices(@Payload() request: ListDevicesRequest): Promise<Page<DeviceSummary>> {
    return this.devices.list(request);
  }

  @Handles(AdminMessages.releaseDevice)
  releaseDevice(@Payload() request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.devices.release(request);
  }

  @Handles(AdminMessages.revokeDevice)
  revokeDevice(@Payload() request: DeviceActionRequest): Promise<DeviceSummary> {
    return this.devices.revoke(request);
  }

  @Handles(AdminMessages.listResultCodes)
  listResultCodes(@Payload() request: { actor: Actor }): Promise<ResultCodeView[]> {
    return this.resultCodes.list(request.actor);
  }

  @Handles(AdminMessages.createResultCode)
  createResultCode(@Payload() request: CreateResultCodeRequest): Promise<ResultCodeView> {
    return this.resultCodes.create(request);
  }

  @Handles(AdminMessages.updateResultCode)
  updateResultCode(@Payload() request: UpdateResultCodeRequest): Promise<ResultCodeView> {
    return this.resultCodes.update(request);
  }

  @Handles(AdminMessages.listAudit)
  listAudit(@Payload() request: ListAuditRequest): Promise<Page<AuditEntryView>> {
    return this.audit.list(request);
  }
}
