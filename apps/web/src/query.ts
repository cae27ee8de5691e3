import { queryString, type QueryValue } from './api/client.js';
import { navigate, type Location } from './router.js';

/** Moves to `path` with the location's query changed by `changes` (an empty value removes a parameter). */
export function updateQuery(location: Location, changes: Record<string, QueryValue>, options: { replace?: boolean } = {}): void {
  const next: Record<string, QueryValue> = Object.fromEntries(location.query.entries());
  Object.assign(next, changes);
  navigate(`${location.path}${queryString(next)}`, options);
}
