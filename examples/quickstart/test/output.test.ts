import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamOutput } from '../src/output.ts';

/** A stream that records what was written, posing as a terminal or not. */
function capture(isTTY: boolean) {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  stream.isTTY = isTTY;
  const chunks: string[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('streamOutput', () => {
  it('leaves progress out of non-terminal output', async () => {
    const c = capture(false);
    const out = streamOutput(c.stream);
    out.line('verified');
    out.progress('  … kandji 50 accounts read');
    out.line('synced 50 accounts');
    await new Promise((r) => setImmediate(r));
    expect(c.text()).toBe('verified\nsynced 50 accounts\n');
  });

  it('redraws progress in place on a terminal and clears it before the next line', async () => {
    const c = capture(true);
    const out = streamOutput(c.stream);
    out.progress('10 read');
    out.progress('20 read');
    out.line('done');
    await new Promise((r) => setImmediate(r));
    expect(c.text()).toBe('10 read\r\x1b[2K20 read\r\x1b[2Kdone\n');
  });
});
