// Small shared pieces of the built-in checks: framework references and value tests.
import type { GraphEntity, GraphRelationship, GraphValue } from '@org/connector-graph';
import type { FrameworkRef } from '../model/check.js';

/** CIS Controls v8 safeguards. */
export const cis = (...controls: string[]): FrameworkRef[] =>
  controls.map((control) => ({ framework: 'CIS Controls v8', control }));
/** SOC 2 Trust Services Criteria (2017, revised points of focus 2022). */
export const soc2 = (...controls: string[]): FrameworkRef[] =>
  controls.map((control) => ({ framework: 'SOC 2', control }));
/** ISO/IEC 27001:2022 Annex A controls. */
export const iso = (...controls: string[]): FrameworkRef[] =>
  controls.map((control) => ({ framework: 'ISO/IEC 27001:2022', control }));

const DAY = 86_400_000;

/**
 * Whole days from a time to `now`: epoch milliseconds (how the graph stores times) or ISO text;
 * undefined when the value is no time.
 */
export function daysSince(
  value: GraphValue | readonly string[] | undefined,
  now: Date,
): number | undefined {
  const t =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value !== ''
        ? Date.parse(value)
        : Number.NaN;
  return Number.isFinite(t) ? Math.floor((now.getTime() - t) / DAY) : undefined;
}

/** Epoch milliseconds of a time (epoch ms or ISO text), or undefined. */
export function timeOf(value: GraphValue | readonly string[] | undefined): number | undefined {
  const t =
    typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** A time for evidence: ISO 8601 text for epoch milliseconds, anything else as it is. */
export function isoOf(
  value: GraphValue | readonly string[] | undefined,
): GraphValue | readonly string[] | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? new Date(value).toISOString()
    : value;
}

/** Whole days from `now` to an ISO time (negative when past), or undefined. */
export function daysUntil(
  value: GraphValue | readonly string[] | undefined,
  now: Date,
): number | undefined {
  const since = daysSince(value, now);
  return since === undefined ? undefined : -since;
}

/** A user the directory treats as able to sign in (the graph's normalised `active`). */
export const isActive = (e: GraphEntity): boolean => e.active !== false;

/** Keys of the entities on the `from` side of edges pointing at each `to` key. */
export function sourcesByTarget(edges: readonly GraphRelationship[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of edges) {
    const list = out.get(r._toEntityKey);
    if (list) list.push(r._fromEntityKey);
    else out.set(r._toEntityKey, [r._fromEntityKey]);
  }
  return out;
}

/** The part of an entity key after `<connection>:<kind>:`, to match kinds in edges. */
export const kindOfKey = (key: string): string | undefined => key.split(':')[1];

/** Compares dotted versions numerically (`14.10` > `14.9`); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
