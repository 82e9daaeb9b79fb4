import type { Clock } from '@org/connector-core';

/** Where a stream of text goes: `process.stdout`, `process.stderr`, or a test's collector. */
export interface TextSink {
  /** Writes text; returns false when the caller should wait for `drain` before writing more. */
  write(text: string): boolean;
  /** Registers a listener; `drain` is awaited after a `write` returned false. */
  once(event: 'drain', listener: () => void): unknown;
  /** Whether the sink is a terminal (progress bars are drawn only on one). */
  readonly isTTY?: boolean | undefined;
  /** Width of the terminal, when it is one. */
  readonly columns?: number | undefined;
}

/**
 * What the command reads from and writes to. `runCli` takes it so the whole command runs in a
 * test exactly as it does in a shell.
 */
export interface CliIo {
  /** Results: text for people, or JSON with `--json`. */
  stdout: TextSink;
  /** Progress and the one-line error messages. */
  stderr: TextSink;
  /** Environment variables that connections files refer to. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Aborted on Ctrl-C: long-running commands (`poll`, `sandbox`) stop and exit 130. */
  signal?: AbortSignal | undefined;
  /** Time source for the poller's schedule (default: the system clock). */
  clock?: Clock | undefined;
}

/** Writes `text`, waiting for the sink to drain when it asks to, so large outputs stream. */
export async function write(sink: TextSink, text: string): Promise<void> {
  if (!sink.write(text)) await new Promise<void>((resolve) => sink.once('drain', resolve));
}
