// Runs one sandbox in its own process, so the server's CPU is not charged to the client being
// measured. The parent (remote-sandbox.ts) passes the options as JSON in argv and drives the
// control API over IPC.
import { type SandboxOptions, startSandbox } from '@org/connector-sandbox';

interface ControlMessage {
  id: number;
  op: 'counters' | 'resetCounters' | 'setLatency' | 'close';
  arg?: unknown;
}

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
const send = (message: unknown) => process.send?.(message);

process.on('message', async (raw) => {
  const message = raw as ControlMessage;
  try {
    let result: unknown;
    if (message.op === 'counters') result = sandbox.control.counters();
    else if (message.op === 'resetCounters') sandbox.control.resetCounters();
    else if (message.op === 'setLatency') sandbox.control.setLatency(message.arg as never);
    else if (message.op === 'close') await sandbox.close();
    send({ id: message.id, result });
    if (message.op === 'close') process.disconnect();
  } catch (error) {
    send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
send({ ready: true, url: sandbox.url, credentials: sandbox.credentials });
