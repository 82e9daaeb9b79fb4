// Where the demo's text goes: lines, and a progress line that redraws itself on a terminal.

/** The demo's text output. */
export interface Output {
  /** Prints one line. */
  line(text: string): void;
  /** Shows transient progress: redrawn in place on a terminal, at most once a second otherwise. */
  progress(text: string): void;
}

/** Lines collected in memory (tests), progress included. */
export function memoryOutput(): Output & { lines: string[]; progressLines: string[] } {
  const lines: string[] = [];
  const progressLines: string[] = [];
  return {
    lines,
    progressLines,
    line: (text) => void lines.push(text),
    progress: (text) => void progressLines.push(text),
  };
}

/** Writes to a stream such as `process.stdout`. */
export function streamOutput(stream: NodeJS.WriteStream): Output {
  const tty = stream.isTTY === true;
  let shown = false;
  let lastProgressAt = 0;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  return {
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    progress(text) {
      if (tty) {
        clear();
        stream.write(text);
        shown = true;
        return;
      }
      // Logs and pipes get a line now and then, not a redraw per page.
      const now = Date.now();
      if (now - lastProgressAt < 1000) return;
      lastProgressAt = now;
      stream.write(`${text}\n`);
    },
  };
}
