import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemError, type FieldIssue } from '#libs/common';

function issuesOf(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...issuesOf(error.children ?? [], field)];
  });
}

/**
 * Validation at the edge: unknown fields are refused, values are converted to
 * their declared types, and every failure names its field in a problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemError.validation(issuesOf(errors)),
  });
}
