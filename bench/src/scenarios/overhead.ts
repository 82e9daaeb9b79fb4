// Overhead: a full sync of 100,000 users of each vendor through the connector vs the loop a
// developer would write by hand with `fetch` (pages stepped the ordinary way), both sequential,
// against a sandbox with its limits off in another process. The client's CPU time
// (process.cpuUsage) is the figure that counts: on loopback a sequential sync's wall time is
// mostly the server's. A typical hand-written client (node-fetch and a retry wrapper) is timed too:
// the connector at concurrency 1 should be no slower than it.
import type { CredentialsByVendor } from '@org/connector-sandbox';
import { drain, median, ratios, settle, timedWithCpu } from '../measure.ts';
import { type RemoteSandbox, startRemoteSandbox } from '../remote-sandbox.ts';
import type { ResultRow, ScenarioResult } from '../report.ts';
import {
  hexnodeHandWritten,
  jumpcloudHandWritten,
  kandjiHandWritten,
} from '../vendors/hand-written.ts';
import { hexnode, hexnodeRawLoop } from '../vendors/hexnode.ts';
import { ACCOUNT_FIELDS, jumpcloud, jumpcloudRawLoop } from '../vendors/jumpcloud.ts';
import { kandji, kandjiRawLoop } from '../vendors/kandji.ts';

const USERS = 100_000;
/** Client CPU of the connector at concurrency 1 over the raw loop's. */
const TARGET = 1.1;
/** Wall time of the hand-written client over the connector's at concurrency 1. */
const HAND_TARGET = 1.0;

interface Variant {
  name: string;
  run(): AsyncIterable<unknown>;
}

interface Case {
  vendor: 'hexnode' | 'kandji' | 'jumpcloud';
  setup: string;
  start(): Promise<RemoteSandbox<'hexnode' | 'kandji' | 'jumpcloud'>>;
  /** The raw loop, the connector at concurrency 1, and others named by their constants. */
  variants(credentials: unknown): Variant[];
  /** Extra ratios: [label, numerator variant, denominator variant]. */
  extra?: Array<[string, string, string]>;
}

const RAW = 'raw fetch loop';
const SEQ = 'connector, concurrency 1';
const DEF = 'connector, default concurrency';
const HAND = 'hand-written client (node-fetch + retries)';
const SAME_FIELDS = "raw fetch loop, the connector's fields";

const cases: Case[] = [
  {
    vendor: 'hexnode',
    setup: 'per_page 100, page=1,2,... (raw) vs the connector (first page, then last to first)',
    start: () =>
      startRemoteSandbox({ vendor: 'hexnode', seed: 12, size: { users: USERS }, limits: false }),
    variants: (c) => {
      const cr = c as CredentialsByVendor['hexnode'];
      return [
        { name: RAW, run: () => hexnodeRawLoop(cr, 100) },
        { name: SEQ, run: () => hexnode(cr, { pageSize: 100, concurrency: 1 }).accounts() },
        { name: DEF, run: () => hexnode(cr, { pageSize: 100 }).accounts() },
        { name: HAND, run: () => hexnodeHandWritten(cr, 100) },
      ];
    },
  },
  {
    vendor: 'kandji',
    setup: 'cursor pages of 300 (one after another either way)',
    start: () =>
      startRemoteSandbox({ vendor: 'kandji', seed: 13, size: { users: USERS }, limits: false }),
    variants: (c) => {
      const cr = c as CredentialsByVendor['kandji'];
      return [
        { name: RAW, run: () => kandjiRawLoop(cr) },
        { name: SEQ, run: () => kandji(cr, { concurrency: 1 }).accounts() },
        { name: HAND, run: () => kandjiHandWritten(cr) },
      ];
    },
  },
  {
    vendor: 'jumpcloud',
    setup:
      "limit 100, sort=_id; raw skip += 100, the connector skip += 99 (overlapping pages notice deletions); the connector's accounts() sends fields= with only the fields it validates, the raw loop and the hand-written client read whole users (one raw variant asks for the same fields)",
    start: () =>
      startRemoteSandbox({ vendor: 'jumpcloud', seed: 11, size: { users: USERS }, limits: false }),
    variants: (c) => {
      const cr = c as CredentialsByVendor['jumpcloud'];
      return [
        { name: RAW, run: () => jumpcloudRawLoop(cr, 100) },
        { name: SEQ, run: () => jumpcloud(cr, { pageSize: 100, concurrency: 1 }).accounts() },
        { name: DEF, run: () => jumpcloud(cr, { pageSize: 100 }).accounts() },
        { name: 'raw fetch loop, overlapping pages', run: () => jumpcloudRawLoop(cr, 100, 99) },
        {
          name: SAME_FIELDS,
          run: () => jumpcloudRawLoop(cr, 100, 100, ACCOUNT_FIELDS),
        },
        { name: HAND, run: () => jumpcloudHandWritten(cr, 100) },
      ];
    },
    extra: [
      ['overlap cost: overlapping raw / raw', 'raw fetch loop, overlapping pages', RAW],
      // The connector asks for fewer fields than the ordinary loop reads; this prices the rest.
      ['connector(1) / raw asking for the same fields', SEQ, SAME_FIELDS],
    ],
  },
];

/** Runs the overhead scenario `runs` times per vendor (variants interleaved within each run). */
export async function overhead(runs: number, log: (line: string) => void): Promise<ScenarioResult> {
  const rows: ResultRow[] = [];
  for (const c of cases) {
    const sandbox = await c.start();
    const variants = c.variants(sandbox.credentials);
    const wall = new Map<string, number[]>(variants.map((x) => [x.name, []]));
    const cpu = new Map<string, number[]>(variants.map((x) => [x.name, []]));
    const requests = new Map<string, number>();
    const counts = new Map<string, number>();
    try {
      // One warm-up pass of each variant (JIT, sockets), not counted.
      for (const x of variants) counts.set(x.name, await drain(x.run()));
      const expected = counts.get(RAW);
      for (const [name, n] of counts) {
        if (n !== expected) throw new Error(`${c.vendor} ${name} read ${n} users, raw ${expected}`);
      }
      for (let i = 0; i < runs; i++) {
        for (const x of variants) {
          await settle();
          await sandbox.resetCounters();
          const { ms, cpuMs } = await timedWithCpu(() => drain(x.run()));
          wall.get(x.name)?.push(ms);
          cpu.get(x.name)?.push(cpuMs);
          requests.set(x.name, (await sandbox.counters()).requests);
        }
      }
      log(`  overhead ${c.vendor} done`);
    } finally {
      await sandbox.close();
    }
    const row = (variant: string, value: number[], unit: string, extra: Partial<ResultRow> = {}) =>
      ({
        scenario: 'overhead',
        variant: `${c.vendor} ${variant}`,
        value: median(value),
        unit,
        runs: unit === 'ms' ? value.map(Math.round) : value,
        ...extra,
      }) satisfies ResultRow;
    for (const x of variants) {
      const w = wall.get(x.name) ?? [];
      const u = cpu.get(x.name) ?? [];
      rows.push(
        row(`${x.name}: client CPU`, u, 'ms', {
          note: `wall ${median(w).toFixed(0)} ms, ${requests.get(x.name)} requests, ${counts.get(x.name)} accounts`,
        }),
      );
    }
    const cpuRatio = ratios(cpu.get(SEQ) ?? [], cpu.get(RAW) ?? []);
    rows.push(
      row('client CPU, connector(1) / raw', cpuRatio, 'x', {
        target: `<= ${TARGET}`,
        met: median(cpuRatio) <= TARGET,
      }),
    );
    rows.push(
      row('wall, connector(1) / raw', ratios(wall.get(SEQ) ?? [], wall.get(RAW) ?? []), 'x'),
    );
    if (wall.has(DEF)) {
      rows.push(
        row(
          'wall, connector(default) / raw',
          ratios(wall.get(DEF) ?? [], wall.get(RAW) ?? []),
          'x',
        ),
      );
    }
    if (wall.has(HAND)) {
      const hand = ratios(wall.get(HAND) ?? [], wall.get(SEQ) ?? []);
      rows.push(
        row('wall, hand-written client / connector(1)', hand, 'x', {
          target: `>= ${HAND_TARGET}`,
          met: median(hand) >= HAND_TARGET,
          note: `client CPU ${median(ratios(cpu.get(HAND) ?? [], cpu.get(SEQ) ?? [])).toFixed(2)}x`,
        }),
      );
    }
    for (const [label, a, b] of c.extra ?? []) {
      const r = ratios(cpu.get(a) ?? [], cpu.get(b) ?? []);
      rows.push(
        row(`${label}, client CPU`, r, 'x', {
          note: `wall ${median(ratios(wall.get(a) ?? [], wall.get(b) ?? [])).toFixed(2)}x; ${requests.get(a)} vs ${requests.get(b)} requests`,
        }),
      );
    }
  }
  return {
    id: 'overhead',
    title: 'Client overhead: connector vs a hand-written fetch loop, per vendor',
    setup: `${USERS} users per vendor, sandbox limits off, no latency, sandboxes in their own processes; client CPU = process.cpuUsage() of the bench process; the hand-written client is node-fetch 3 with a retry wrapper (429/5xx/network errors, Retry-After), stepping pages the raw loop's way; ${cases.map((c) => `${c.vendor}: ${c.setup}`).join('; ')}; medians of ${runs} interleaved runs after a warm-up`,
    rows,
  };
}
