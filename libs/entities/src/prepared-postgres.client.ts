import pg from 'pg';

/** The statements to prepare, by their text, each with the name it is prepared under on every connection. */
const preparedNames = new Map<string, string>();

/**
 * Marks a statement of a hot path (its text as sent, with `$n` parameters) to
 * run as a named prepared statement: PostgreSQL parses, analyses and plans an
 * unnamed statement afresh on every run, which was a quarter of its work on a
 * visit upload. Only texts fixed in the code belong here, never one that
 * varies with its values: each connection keeps every one it has run.
 */
export function preparedOnPostgres(text: string): string {
  if (!preparedNames.has(text)) preparedNames.set(text, `prepared_${preparedNames.size + 1}`);
  return text;
}

/** The node-pg client of the pool: a statement marked by `preparedOnPostgres` goes out under its name. */
export class PreparingPostgresClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((config: unknown, ...rest: unknown[]) => {
      const name = typeof config === 'string' ? preparedNames.get(config) : undefined;
      return query(name ? { name, text: config } : config, ...rest);
    }) as pg.Client['query'];
  }
}
