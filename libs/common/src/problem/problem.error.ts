import type { ProblemCode } from '#libs/contract';
import { isOutOfSpace } from '../files/out-of-space.js';
import { makeProblem, type FieldIssue, type Problem } from './problem.js';

/** An error that already knows the problem it is, wherever it is thrown. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }

  static badRequest(code: ProblemCode, detail: string, errors?: FieldIssue[]): ProblemError {
    return new ProblemError(makeProblem(400, code, detail, errors ? { errors } : {}));
  }

  static validation(errors: FieldIssue[]): ProblemError {
    const fields = [...new Set(errors.map((issue) => issue.field))].join(', ');
    return new ProblemError(makeProblem(400, 'validation-failed', `Invalid request: ${fields}`, { errors }));
  }

  static unauthorized(detail = 'A valid bearer token is required'): ProblemError {
    return new ProblemError(makeProblem(401, 'unauthorized', detail));
  }

  static forbidden(detail: string, code: ProblemCode = 'forbidden'): ProblemError {
    return new ProblemError(makeProblem(403, code, detail));
  }

  static notFound(detail: string): ProblemError {
    return new ProblemError(makeProblem(404, 'not-found', detail));
  }

  static conflict(code: ProblemCode, detail: string, extensions: Partial<Problem> = {}): ProblemError {
    return new ProblemError(makeProblem(409, code, detail, extensions));
  }

  static unavailable(service: string, detail: string, retryAfterSeconds = 5): ProblemError {
    return new ProblemError(makeProblem(503, 'service-unavailable', detail, { service, retryAfterSeconds }));
  }

  /**
   * The disk had no room for a write: nothing of it was kept. The client keeps
   * what it sent and sends it again later; it is never told it was stored.
   */
  static storageFull(detail: string, retryAfterSeconds = 60): ProblemError {
    return new ProblemError(makeProblem(507, 'storage-full', detail, { retryAfterSeconds }));
  }

  /** The phone's Android is older than the app supports (Android 6.0, API 23). */
  static androidUnsupported(sdkInt: number, minSdk: number): ProblemError {
    return new ProblemError(
      makeProblem(426, 'android-unsupported', `The app needs Android 6.0 (API ${minSdk}) or newer; this phone runs API ${sdkInt}`, {
        minAndroidSdk: minSdk,
      }),
    );
  }

  static internal(detail = 'The server could not complete the request'): ProblemError {
    return new ProblemError(makeProblem(500, 'internal-error', detail));
  }
}

/**
 * The problem an arbitrary thrown value stands for: a write the disk had no
 * room for is `storage-full` wherever it happened; anything else unknown is a 500.
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  if (isOutOfSpace(error)) {
    return ProblemError.storageFull("The server's disk is full: the request was not completed. Send it again once space is freed").problem;
  }
  return ProblemError.internal().problem;
}
