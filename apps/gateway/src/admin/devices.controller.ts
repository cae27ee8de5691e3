import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { AdminMessages, type Actor } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { PageDto } from '../dto/page.dto.js';
import { UuidParamDto } from '../dto/uuid-param.dto.js';
import { DeviceSummaryDto, ListDevicesQueryDto } from './dto/device.dto.js';

const DevicePageDto = PageDto(DeviceSummaryDto);

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('admin/devices')
export class DevicesController {
  constructor(private readonly messages: MessageClient) {}

  @Get()
  @ApiOperation({ summary: "Collectors' phones, most recently bound first; filter by user and status" })
  @ApiOkResponse({ type: DevicePageDto })
  @ApiProblemResponses(400)
  list(@Query() query: ListDevicesQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.listDevices, { actor, ...query });
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release an active phone: the collector may log in from another one; this one must log in again' })
  @ApiOkResponse({ type: DeviceSummaryDto })
  @ApiProblemResponses(400, 404)
  @ApiProblemResponse(409, 'The device is not active')
  release(@Param() { id }: UuidParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.releaseDevice, { actor, deviceId: id });
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a phone: its token stops working at once and it can never log in again' })
  @ApiOkResponse({ type: DeviceSummaryDto })
  @ApiProblemResponses(400, 404)
  @ApiProblemResponse(409, 'The device is already revoked')
  revoke(@Param() { id }: UuidParamDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.revokeDevice, { actor, deviceId: id });
  }
}
