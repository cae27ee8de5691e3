import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#libs/config';
import { loadDemoGenerator } from './demo-generator.js';

describe('loadDemoGenerator', () => {
  it('loads the generator where development dependencies are installed', async () => {
    const faker = await loadDemoGenerator();
    expect(faker.person.fullName()).toEqual(expect.any(String));
  });

  it('names DEMO_DATA and the missing package in an installation without it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@faker-js/faker'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadDemoGenerator(() => Promise.reject(missing)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      'Invalid environment variable DEMO_DATA: demo data needs @faker-js/faker, a development dependency this installation lacks: unset DEMO_DATA, or install it',
    );
  });
});
