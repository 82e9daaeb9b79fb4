#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Vendor } from './options.js';
import { startReplay } from './replay/start-replay.js';
import { SANDBOX_VENDOR_NAMES, type Sandbox, startSandbox } from './sandbox.js';
import type { SandboxVendor } from './server/vendor.js';
import { SANDBOX_VENDORS } from './vendors/registry.js';

const USAGE = `Usage: connector-sandbox --vendor <${SANDBOX_VENDOR_NAMES.join('|')}> [--users n] [--devices n] [--seed n] [--port n] [--no-limits]
       connector-sandbox --replay <recording.har.json> [--port n]

Starts a local imitation of the vendor API on 127.0.0.1 (or serves a recording of a real
tenant, made with connector-kit record) and prints its URL and credentials. Runs until Ctrl-C.`;

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return Number(raw);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      vendor: { type: 'string' },
      users: { type: 'string' },
      devices: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      'no-limits': { type: 'boolean' },
      replay: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = int('port', values.port);
  const sandbox =
    values.replay === undefined
      ? await generated(values, port)
      : await startReplay(await readFile(values.replay, 'utf8'), { port });
  const { vendor } = sandbox;
  const definition = SANDBOX_VENDORS[vendor] as SandboxVendor<typeof sandbox.credentials>;
  const lines = [
    `${vendor} ${values.replay === undefined ? 'sandbox' : `replay of ${values.replay}`} listening on ${sandbox.url}`,
    '',
    ...definition.banner(sandbox.credentials, sandbox.url),
  ];
  lines.push('', 'Press Ctrl-C to stop.');
  console.log(lines.join('\n'));

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A sandbox of generated data, as the options describe it. */
async function generated(
  values: Record<string, string | boolean | undefined>,
  port: number | undefined,
): Promise<Sandbox> {
  const vendor = values.vendor as Vendor | undefined;
  if (vendor === undefined || !SANDBOX_VENDOR_NAMES.includes(vendor)) {
    console.error(USAGE);
    process.exit(2);
  }
  const users = int('users', values.users as string | undefined);
  const devices = int('devices', values.devices as string | undefined);
  const seed = int('seed', values.seed as string | undefined);
  return startSandbox({
    vendor,
    ...(seed !== undefined ? { seed } : {}),
    ...(port !== undefined ? { port } : {}),
    size: {
      ...(users !== undefined ? { users } : {}),
      ...(devices !== undefined ? { devices } : {}),
    },
    ...(values['no-limits'] ? { limits: false as const } : {}),
  });
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
