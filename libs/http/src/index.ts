export { HttpEdgeModule } from './http-edge.module.js';
export { HttpProblemFilter } from './http-problem.filter.js';
export { createValidationPipe, fieldIssuesOf, EDGE_VALIDATION } from './validation.pipe.js';
export { REQUEST_ID_HEADER } from './request-id.middleware.js';
export { publishOpenApi } from './open-api.js';
export { useJsonBodyParser } from './json-body.parser.js';
export { applyServerTimeouts } from './server-timeouts.js';
export { ApiProblemResponse, ApiProblemResponses } from './api-problem-responses.decorator.js';
export { FieldIssueDto, ProblemDto } from './problem.dto.js';
