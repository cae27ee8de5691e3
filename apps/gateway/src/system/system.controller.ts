import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ApiProblemResponses } from '#libs/http';
import { SystemOverviewDto, type ServiceOverviewDto } from './system.dto.js';
import { SystemService } from './system.service.js';

@ApiTags('system')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Roles('admin')
@Controller('system')
export class SystemController {
  constructor(private readonly system: SystemService) {}

  @Get()
  @ApiOperation({ summary: "Each service's name, version, pid and uptime; the database engine and applied migrations" })
  @ApiOkResponse({ type: SystemOverviewDto })
  async overview(): Promise<SystemOverviewDto> {
    const dependencies = await this.system.dependencies();
    const services: ServiceOverviewDto[] = [
      this.system.self(),
      ...dependencies.map((dependency) =>
        dependency.up ? { ...dependency.status, dependencies: undefined, up: true } : { service: dependency.service, up: false, reason: dependency.reason },
      ),
    ];
    return { services };
  }
}
