// A sandbox in a child process, with the parts of its control API the benchmarks use.
import { type ChildProcess, fork } from 'node:child_process';
import type {
  CredentialsByVendor,
  SandboxCounters,
  SandboxLatency,
  SandboxOptions,
  Vendor,
} from '@org/connector-sandbox';

const SCRIPT = new URL('./sandbox-process.ts', import.meta.url);

/** A sandbox served by another process. */
export interface RemoteSandbox<V extends Vendor> {
  url: string;
  credentials: CredentialsByVendor[V];
  counters(): Promise<SandboxCounters>;
  resetCounters(): Promise<void>;
  setLatency(latency: SandboxLatency): Promise<void>;
  /** The server process's id (to tell it apart from the client's). */
  pid: number | undefined;
  close(): Promise<void>;
}

/** Starts `startSandbox(options)` in a child process and waits until it listens. */
export async function startRemoteSandbox<V extends Vendor>(
  options: SandboxOptions<V>,
): Promise<RemoteSandbox<V>> {
  const child: ChildProcess = fork(SCRIPT, [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = await new Promise<{ url: string; credentials: CredentialsByVendor[V] }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`sandbox process exited with code ${code}`)));
      child.on('message', (raw) => {
        const m = raw as {
          ready?: boolean;
          url: string;
          credentials: CredentialsByVendor[V];
          id?: number;
          result?: unknown;
          error?: string;
        };
        if (m.ready) return resolve(m);
        const p = m.id === undefined ? undefined : pending.get(m.id);
        if (!p || m.id === undefined) return;
        pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(m.result);
      });
    },
  );

  const call = (op: string, arg?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, arg });
    });

  return {
    url: ready.url,
    credentials: ready.credentials,
    pid: child.pid,
    counters: async () => (await call('counters')) as SandboxCounters,
    resetCounters: async () => void (await call('resetCounters')),
    setLatency: async (latency) => void (await call('setLatency', latency)),
    async close() {
      if (child.exitCode !== null) return;
      await call('close').catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
