import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto.js';

/** What each error status means wherever the API answers it; an operation names its own cases where they say more. */
const MEANINGS: Record<number, string> = {
  400: 'The request is malformed or fails validation; `errors` names each field',
  401: 'No valid token, or the session no longer stands (user disabled, role changed, phone revoked): log in again',
  403: 'The role, branch or phone of the caller may not do this',
  404: 'Nothing of that name or id',
  408: 'The request was not received in time',
  409: 'Conflicts with the current state',
  412: 'The precondition (If-Match, If-Unmodified-Since) does not hold',
  413: 'The body is larger than the limit',
  415: 'The body is not of a type this operation takes',
  416: 'The range lies outside the file',
  422: 'The file cannot be used as it is',
  426: 'The app or Android version is too old',
  429: 'Too many requests; retry after Retry-After seconds',
  503: 'A service this needs is down or busy; retry after Retry-After seconds',
  507: "`storage-full`: the server's disk is full; nothing was stored. Retry after Retry-After seconds",
};

/** One error answer of an operation: `application/problem+json`, with a problem schema (RFC 9457), extended or not. */
export function ApiProblemResponse(status: number, description = MEANINGS[status], type: Type<ProblemDto> = ProblemDto): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(type),
    ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(type) } } } }),
  );
}

/** The error answers an operation (or every operation of a controller) can give, each with its usual meaning. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiProblemResponse(status)));
}
