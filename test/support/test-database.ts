import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestEngine = 'sqlite' | 'postgres';

/** The engines the database tests run on: SQLite always, PostgreSQL when TEST_PG_URL names a server. */
export function testEngines(): TestEngine[] {
  return process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A database of its own for one system under test: a SQLite file in its DATA_DIR, or a fresh PostgreSQL database. */
export async function provisionDatabase(engine: TestEngine): Promise<TestDatabase> {
  if (engine === 'sqlite') return { env: { DB_TYPE: 'sqlite' }, drop: async () => {} };
  const serverUrl = process.env.TEST_PG_URL;
  if (!serverUrl) throw new Error('TEST_PG_URL is not set');
  const name = `mc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DB_TYPE: 'postgres', DB_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
