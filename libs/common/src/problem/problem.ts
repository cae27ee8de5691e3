import type { ProblemCode } from '#libs/contract';

/** One invalid field of a request, named by its path (`visits[0].payment.amount`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * RFC 9457 problem details, the single error shape of the system: services
 * throw it, the transport carries it, the gateway renders it as
 * `application/problem+json`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  errors?: FieldIssue[];
  retryAfterSeconds?: number;
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'urn:mobile-collection:problem:';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  507: 'Insufficient Storage',
};

export function makeProblem(status: number, code: ProblemCode, detail: string, extensions: Partial<Problem> = {}): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extensions,
  };
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Problem>;
  return typeof candidate.status === 'number' && typeof candidate.code === 'string' && typeof candidate.type === 'string';
}
