import { ProblemError } from '#libs/common';

/** The ProblemError a piece of work fails with; fails the test if it succeeds or fails otherwise. */
export async function problemOf(work: Promise<unknown>): Promise<ProblemError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}
