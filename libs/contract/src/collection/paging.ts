/** A page of a list that can grow without bound: `total` counts every match, `items` holds at most `limit` from `offset`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
}
