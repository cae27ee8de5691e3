import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { makeProblem, ProblemError } from '#libs/common';
import { ApiProblemResponse } from '#libs/http';
import { LivenessDto, ReadinessDto } from '../system/system.dto.js';
import { SystemService } from '../system/system.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly system: SystemService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: answers while the gateway process lives' })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 only when every service the gateway needs answers' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblemResponse(
    503,
    'Naming the services that are down (`down`) and why (`causes`: `service-unavailable` when unreachable, `storage-full` when its disk is full)',
  )
  async ready(): Promise<ReadinessDto> {
    const dependencies = await this.system.dependencies();
    const services = Object.fromEntries(dependencies.map((d) => [d.service, d.up ? 'up' : 'down'] as const));
    const failing = dependencies.filter((d) => !d.up);
    if (failing.length > 0) {
      const named = failing.map((d) => `${d.service} (${d.code})`).join(', ');
      throw new ProblemError(
        makeProblem(503, 'not-ready', `Not ready: ${named} ${failing.length === 1 ? 'is' : 'are'} down`, {
          retryAfterSeconds: 5,
          services,
          down: failing.map((d) => d.service),
          causes: Object.fromEntries(failing.map((d) => [d.service, d.code])),
        }),
      );
    }
    return { status: 'ready', services };
  }
}
