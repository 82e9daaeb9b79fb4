import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { TextSink } from '../cli/io.js';
import { createProgress } from './progress.js';

class Sink extends EventEmitter implements TextSink {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {
    super();
  }
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

describe('createProgress', () => {
  it('draws bars on a terminal, with notes above them', () => {
    const sink = new Sink(true);
    const progress = createProgress(sink, false);
    const task = progress.task('kandji', 4);
    task.update(2, 'users');
    progress.note('kandji: about 3 calls');
    task.done('devices');
    progress.stop();
    expect(sink.text).toMatch(/kandji \[=+-*\] 4\/4 devices/);
    expect(sink.text).toContain('kandji: about 3 calls\n');
    // Cursor movement: a bar redrawn in place, not a line per update.
    expect(sink.text).toContain('\u001b[');
  });

  it('counts work of unknown size on a terminal', () => {
    const sink = new Sink(true);
    const progress = createProgress(sink, false);
    const task = progress.task('jumpcloud');
    task.update(300, 'accounts');
    task.done('310 accounts');
    progress.stop();
    expect(sink.text).toContain('jumpcloud 310 accounts');
    expect(sink.text).not.toMatch(/\[[=-]+\]/);
  });

  it('prints plain lines elsewhere: one per finished task and note', () => {
    const sink = new Sink(false);
    const progress = createProgress(sink, false);
    const task = progress.task('hexnode', 2);
    task.update(1);
    progress.note('a note');
    task.done('12 accounts');
    progress.error('hexnode: failed');
    progress.stop();
    expect(sink.text).toBe('a note\nhexnode: 12 accounts\nhexnode: failed\n');
  });

  it('prints only failures with --quiet', () => {
    const sink = new Sink(true);
    const progress = createProgress(sink, true);
    progress.task('hexnode', 2).done('ok');
    progress.note('a note');
    progress.error('hexnode: failed');
    expect(sink.text).toBe('hexnode: failed\n');
  });
});
