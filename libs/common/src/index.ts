export { makeProblem, isProblem, PROBLEM_TYPE_BASE, type Problem, type FieldIssue } from './problem/problem.js';
export { ProblemError, toProblem } from './problem/problem.error.js';
export { createLogger, NestPinoLogger, type AppLogger } from './logging/logger.js';
export { runWithRequestId, currentRequestId, acceptOrCreateRequestId } from './logging/request-context.js';
export { writeFileAtomically, syncToDisk } from './files/atomic-file.js';
export { isOutOfSpace } from './files/out-of-space.js';
export { assertFreeSpace } from './files/free-space.js';
export { installationSecret } from './files/installation-secret.js';
export { workDateOf, addDays, endOfWorkDate } from './work-date.js';
