// Helpers for plain data that every room shares: string sets and records of unknown shape (parsed JSON or YAML, a
// thrown value).

/** De-duplicated and sorted by UTF-16 code units (`Array.prototype.sort`); non-strings from untyped input are dropped. */
export function sortedUnique(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort();
}

/** An object that is not null and not an array: safe to read fields of. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
