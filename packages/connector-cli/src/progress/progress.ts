import { MultiBar, type SingleBar } from 'cli-progress';
import type { TextSink } from '../cli/io.js';

/** A unit of work shown while it runs: a bar on a terminal, one line when done elsewhere. */
export interface ProgressTask {
  /** Moves the task on to `value` (of its total, when it has one). */
  update(value: number, detail?: string): void;
  /** Ends the task with a summary line. */
  done(summary: string): void;
}

/**
 * What commands report while they work, on stderr: bars on a terminal, plain lines otherwise
 * (CI logs), nothing with `--quiet`.
 */
export interface Progress {
  /** A line worth keeping in the log. Not printed with `--quiet`. */
  note(line: string): void;
  /**
   * A step a log needs to show the run is alive (a resource read): a line when stderr is not a
   * terminal, where bars show it instead; nothing with `--quiet`.
   */
  detail(line: string): void;
  /** A failure: printed even with `--quiet`. */
  error(line: string): void;
  /** Starts a task; `total` undefined when the amount of work is not known up front. */
  task(label: string, total?: number): ProgressTask;
  /** Removes the bars; call before printing results. */
  stop(): void;
}

/** Progress that prints only failures. */
export function silentProgress(sink: TextSink): Progress {
  return {
    note: () => undefined,
    detail: () => undefined,
    error: (line) => void sink.write(`${line}\n`),
    task: () => ({ update: () => undefined, done: () => undefined }),
    stop: () => undefined,
  };
}

/** Plain lines: a note or a finished task is one line. */
export function lineProgress(sink: TextSink): Progress {
  return {
    note: (line) => void sink.write(`${line}\n`),
    detail: (line) => void sink.write(`${line}\n`),
    error: (line) => void sink.write(`${line}\n`),
    task: (label) => ({
      update: () => undefined,
      done: (summary) => void sink.write(`${label}: ${summary}\n`),
    }),
    stop: () => undefined,
  };
}

/** Bars drawn with cli-progress on a terminal. */
export function barProgress(sink: TextSink): Progress {
  const bars = new MultiBar({
    stream: sink as unknown as NodeJS.WritableStream,
    format: '{label} [{bar}] {value}/{total} {detail}',
    hideCursor: true,
    clearOnComplete: false,
    autopadding: true,
    barsize: 24,
    // The command handles Ctrl-C itself (it aborts and unwinds, and stop() restores the cursor).
    gracefulExit: false,
  });
  let stopped = false;
  const log = (line: string) => {
    if (!stopped) bars.log(`${line}\n`);
    else sink.write(`${line}\n`);
  };
  return {
    note: log,
    detail: () => undefined,
    error: log,
    task(label, total) {
      const bar: SingleBar = bars.create(
        total ?? 0,
        0,
        { label, detail: '' },
        total === undefined ? { format: '{label} {detail}' } : {},
      );
      let current = 0;
      return {
        update: (value, detail) => {
          current = value;
          // Work of unknown size shows its count in the detail: there is no bar to fill.
          const text = total === undefined ? `${value} ${detail ?? ''}`.trim() : (detail ?? '');
          bar.update(value, { detail: text });
        },
        done: (summary) => {
          bar.update(total ?? current, { detail: summary });
          bar.stop();
        },
      };
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      // Notes wait in cli-progress's buffer for the next redraw: draw once more so none is lost.
      bars.update();
      bars.stop();
    },
  };
}

/** The progress a command gets: none with `quiet`, bars on a terminal, lines otherwise. */
export function createProgress(sink: TextSink, quiet: boolean): Progress {
  if (quiet) return silentProgress(sink);
  return sink.isTTY ? barProgress(sink) : lineProgress(sink);
}
