import { offset, type PaginationStrategy } from '@org/connector-core/kit';
import { KANDJI_MAX_DEVICE_PAGE } from '../config.js';

/** Reads `x-total-count`; `undefined` when missing or not a count. */
export function totalCountHeader(headers: Headers): number | undefined {
  const raw = headers.get('x-total-count');
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

/** A page size the caller asked for (or the connection's), checked against Kandji's 300 cap. */
export function kandjiLimit(limit: number | undefined, fallback: number, what: string): number {
  const value = limit ?? Math.min(fallback, KANDJI_MAX_DEVICE_PAGE);
  if (!Number.isInteger(value) || value < 1 || value > KANDJI_MAX_DEVICE_PAGE) {
    throw new RangeError(`Kandji ${what} pages hold 1 to ${KANDJI_MAX_DEVICE_PAGE} items`);
  }
  return value;
}

/** Limit/offset paging with the total from the page body, when the page states one. */
export function offsetWithTotal<P>(
  limit: number,
  total: (page: P) => number | null | undefined,
): PaginationStrategy<P> {
  return offset<P>({ limit, total: (page) => total(page) ?? undefined });
}

/** An endpoint answering in one response (a device's apps): no second page. */
export function singlePage<P>(): PaginationStrategy<P> {
  return { name: 'single', first: () => ({ key: 'single' }), next: () => undefined };
}
