import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ProblemDto } from '../problem/problem.dto.js';

/** A controller of the collector's phone: collectors only, bearer token, the problems every such route can answer. */
export function CollectorEndpoints(): ClassDecorator {
  return applyDecorators(
    ApiTags('field'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'No valid token, or the phone is no longer bound' }),
    ApiForbiddenResponse({ type: ProblemDto, description: 'Only collectors' }),
    Roles('collector'),
  );
}
