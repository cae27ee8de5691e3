import type { Faker } from '@faker-js/faker';
import { ConfigError } from '#libs/config';

const GENERATOR = '@faker-js/faker';

/**
 * The demo generator is a development dependency, loaded only to fill an empty database with demo data:
 * a production image has it only when built with it, and one asked for demo data without it says so.
 */
export async function loadDemoGenerator(importGenerator: () => Promise<{ fakerID_ID: Faker }> = () => import(GENERATOR)): Promise<Faker> {
  try {
    return (await importGenerator()).fakerID_ID;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new ConfigError('DEMO_DATA', `demo data needs ${GENERATOR}, a development dependency this installation lacks: unset DEMO_DATA, or install it`);
  }
}
