import type { Vendor } from '../options.js';
import type { ConformanceAdapter } from './conformance/adapter.js';
import { bodyCases } from './conformance/body.js';
import { budgetCases } from './conformance/budget.js';
import type { ConformanceCase } from './conformance/case.js';
import { credentialCases } from './conformance/credentials.js';
import { driftCases } from './conformance/drift.js';
import { hostilePagingCases } from './conformance/hostile-paging.js';
import { mutationCases } from './conformance/mutation.js';
import { orderCases } from './conformance/order.js';
import { paginationCases } from './conformance/pagination.js';
import { rateLimitCases } from './conformance/rate-limit.js';
import { secretCases } from './conformance/secrets.js';

/**
 * The conformance suite: what every connector must do against its vendor's sandbox, each case
 * run over loopback on a manual clock (no real sleeps), through the generic `Connector` surface
 * only. Secret canaries (partial and whole echoes, every failure mid-listing), schema drift,
 * 429 and `Retry-After` (plain, huge, past, garbage), budget shapes, users added and removed
 * between every page request (listing and poller), a vendor that ignores or reverses the order
 * asked for, endless and repeating pagination, hostile paging (totals that lie or grow, pages
 * that do not add up, a page of thousands of invalid items), a revoked key, a missing
 * permission, a dripping body and a huge one.
 *
 * Framework-free: each case's `run` throws (`node:assert`) when the connector does not conform.
 *
 * @example
 * ```ts
 * for (const c of conformanceCases(adapter)) it(c.name, c.run);
 * ```
 *
 * @param adapter - The vendor and how to build its connector.
 */
export function conformanceCases<V extends Vendor>(
  adapter: ConformanceAdapter<V>,
): ConformanceCase[] {
  return [
    ...secretCases(adapter),
    ...driftCases(adapter),
    ...rateLimitCases(adapter),
    ...budgetCases(adapter),
    ...mutationCases(adapter),
    ...orderCases(adapter),
    ...paginationCases(adapter),
    ...hostilePagingCases(adapter),
    ...credentialCases(adapter),
    ...bodyCases(adapter),
  ];
}
