import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ApiProblemResponse, ApiProblemResponses } from '#libs/http';

/** A controller of the collector's phone: collectors only, bearer token, the problems every such route can answer. */
export function CollectorEndpoints(): ClassDecorator {
  return applyDecorators(
    ApiTags('field'),
    ApiBearerAuth(),
    ApiProblemResponse(401, 'No valid token, or the phone is no longer bound'),
    ApiProblemResponse(403, 'Only collectors'),
    ApiProblemResponses(503),
    Roles('collector'),
  );
}
