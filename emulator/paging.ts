// Page-number paging of Genesys entity listings (roles, divisions, credentials).
import { ApiFailure } from './api-failure.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './defaults.js';

export interface EntityListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  lastUri: string;
  selfUri: string;
  nextUri?: string;
  previousUri?: string;
}

function readPositiveInt(query: Record<string, string>, key: string, fallback: number): number {
  const raw = query[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    const message = `The query parameter ${key} must be a positive integer, not ${JSON.stringify(raw)}.`;
    throw new ApiFailure(400, 'invalid.value', message, [{ errorCode: 'invalid.value', fieldName: key }]);
  }
  return value;
}

/** Filters by `id` (comma list) and `name` (exact), then cuts the requested page. */
export function buildListing<T extends { id: string; name: string }>(
  all: readonly T[],
  query: Record<string, string>,
  basePath: string,
): EntityListing<T> {
  const pageSize = readPositiveInt(query, 'pageSize', DEFAULT_PAGE_SIZE);
  const pageNumber = readPositiveInt(query, 'pageNumber', 1);
  if (pageSize > MAX_PAGE_SIZE) {
    throw new ApiFailure(400, 'invalid.value', `pageSize must be at most ${MAX_PAGE_SIZE}.`, [
      { errorCode: 'invalid.value', fieldName: 'pageSize' },
    ]);
  }
  const ids = query.id ? new Set(query.id.split(',')) : undefined;
  const matching = all.filter((e) => (!ids || ids.has(e.id)) && (query.name === undefined || e.name === query.name));
  const pageCount = Math.ceil(matching.length / pageSize);
  const uri = (page: number): string => {
    const params = new URLSearchParams({ ...query, pageSize: String(pageSize), pageNumber: String(page) });
    return `${basePath}?${params.toString()}`;
  };
  const listing: EntityListing<T> = {
    entities: matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: matching.length,
    pageCount,
    firstUri: uri(1),
    lastUri: uri(Math.max(1, pageCount)),
    selfUri: uri(pageNumber),
  };
  if (pageNumber < pageCount) listing.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) listing.previousUri = uri(pageNumber - 1);
  return listing;
}
