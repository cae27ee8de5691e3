import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ProblemError, type FieldIssue } from '#libs/common';
import { rememberValidationMetadata } from './validation-metadata.js';

/** Unknown fields are refused, and so is anything that is not an object of the declared class. */
export const EDGE_VALIDATION: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };

/** class-validator's errors as flat issues naming each field by its path (`visits[0].payment.amount`). */
export function fieldIssuesOf(errors: ValidationError[], parent = ''): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldIssuesOf(error.children ?? [], field)];
  });
}

/**
 * Validation at the edge: unknown fields are refused, values are converted to
 * their declared types, and every failure names its field in a problem.
 */
export function createValidationPipe(): ValidationPipe {
  rememberValidationMetadata();
  return new ValidationPipe({
    ...EDGE_VALIDATION,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemError.validation(fieldIssuesOf(errors)),
  });
}
