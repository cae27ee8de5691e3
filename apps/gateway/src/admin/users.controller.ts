import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '#libs/auth';
import { AdminMessages, type Actor } from '#libs/contract';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';
import { MessageClient } from '#libs/transport';
import { PageDto } from '../dto/page.dto.js';
import { UuidParamDto } from '../dto/uuid-param.dto.js';
import { CreateUserDto, ListUsersQueryDto, ReceiptRangeDto, ResetPasswordDto, UpdateUserDto, UserSummaryDto } from './dto/user.dto.js';

const UserPageDto = PageDto(UserSummaryDto);

@ApiTags('admin')
@ApiBearerAuth()
@ApiProblemResponses(401, 403, 503)
@Roles('admin')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly messages: MessageClient) {}

  @Get()
  @ApiOperation({ summary: 'Users, by username; filter by role, branch and active' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblemResponses(400)
  list(@Query() query: ListUsersQueryDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.listUsers, { actor, ...query });
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user with an initial password (at least 8 characters)',
    description: 'Collectors get their receipt range with PUT /admin/users/{id}/receipt-range.',
  })
  @ApiCreatedResponse({ type: UserSummaryDto })
  @ApiProblemResponses(400)
  @ApiProblemResponse(409, 'The username is taken')
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.createUser, { actor, ...dto });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, role, branch, active or whether the person may bind phones',
    description:
      "Takes effect at the user's next request: a disabled user or one whose role changed gets 401 and must log in again; a branch move changes what their token reaches.",
  })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiProblemResponses(400, 404)
  update(@Param() { id }: UuidParamDto, @Body() dto: UpdateUserDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.updateUser, { actor, userId: id, ...dto });
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a new password (at least 8 characters); the user's sessions stay valid" })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiProblemResponses(400, 404)
  resetPassword(@Param() { id }: UuidParamDto, @Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.resetPassword, { actor, userId: id, password: dto.password });
  }

  @Put(':id/receipt-range')
  @ApiOperation({
    summary: "Allot a collector's receipt numbers",
    description: 'Replaces the current range; receipts printed from the old one stay valid. The prefix is unique across all ranges (409).',
  })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiProblemResponses(400, 404)
  @ApiProblemResponse(409, 'The prefix is taken by another range')
  assignReceiptRange(@Param() { id }: UuidParamDto, @Body() dto: ReceiptRangeDto, @CurrentActor() actor: Actor) {
    return this.messages.send(AdminMessages.assignReceiptRange, { actor, userId: id, ...dto });
  }
}
