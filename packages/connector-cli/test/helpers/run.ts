// Runs the command in-process, as a shell would, and keeps what it printed.
import { EventEmitter } from 'node:events';
import type { Clock } from '@org/connector-core';
import { type CliIo, runCli, type TextSink } from '../../src/index.js';

/** A sink that keeps what is written, optionally reporting itself as a terminal. */
export class Collector extends EventEmitter implements TextSink {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  write(chunk: string): boolean {
    this.text += chunk;
    this.emit('data', chunk);
    return true;
  }
  /** Resolves once the text so far matches `pattern`. */
  until(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (pattern.test(this.text)) {
          this.off('data', check);
          resolve();
        }
      };
      this.on('data', check);
      check();
    });
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  signal?: AbortSignal;
  clock?: Clock;
  stdout?: Collector;
  stderr?: Collector;
}

export async function run(argv: string[], o: RunOptions = {}): Promise<RunResult> {
  const stdout = o.stdout ?? new Collector();
  const stderr = o.stderr ?? new Collector();
  const io: CliIo = {
    stdout,
    stderr,
    env: o.env ?? {},
    cwd: o.cwd ?? process.cwd(),
    signal: o.signal,
    clock: o.clock,
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
