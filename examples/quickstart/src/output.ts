// Where the demo's text goes: lines, and a progress line that redraws itself on a terminal.

/** The demo's text output. */
export interface Output {
  /** Prints one line. */
  line(text: string): void;
  /** Shows transient progress: redrawn in place on a terminal, left out of logs and pipes. */
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
      // Logs and pipes keep only the lines that say what happened: a count that was true for a
      // moment is noise there, and the summary line after it says the same.
      if (!tty) return;
      clear();
      stream.write(text);
      shown = true;
    },
  };
}
