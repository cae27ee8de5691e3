import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';
import { snakeCase } from 'typeorm/util/StringUtils.js';

/**
 * Names a column after its property in snake_case (`fullName` -> `full_name`),
 * as the migrations name them. Only column names change: tables, keys and
 * indices keep TypeORM's default names, which the migrations were written
 * with, so the schema they make stays the same.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName ?? snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }
}
