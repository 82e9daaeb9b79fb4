#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { Vendor } from './options.js';
import { startSandbox } from './sandbox.js';

const USAGE = `Usage: connector-sandbox --vendor <hexnode|kandji|jumpcloud> [--users n] [--devices n] [--seed n] [--port n] [--no-limits]

Starts a local imitation of the vendor API on 127.0.0.1 and prints its URL and credentials.
Runs until Ctrl-C.`;

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const vendor = values.vendor as Vendor | undefined;
  if (vendor !== 'hexnode' && vendor !== 'kandji' && vendor !== 'jumpcloud') {
    console.error(USAGE);
    process.exit(2);
  }
  const users = int('users', values.users);
  const devices = int('devices', values.devices);
  const seed = int('seed', values.seed);
  const port = int('port', values.port);
  const sandbox = await startSandbox({
    vendor,
    ...(seed !== undefined ? { seed } : {}),
    ...(port !== undefined ? { port } : {}),
    size: {
      ...(users !== undefined ? { users } : {}),
      ...(devices !== undefined ? { devices } : {}),
    },
    ...(values['no-limits'] ? { limits: false as const } : {}),
  });

  const c = sandbox.credentials;
  const lines = [`${vendor} sandbox listening on ${sandbox.url}`, ''];
  if ('portal' in c) {
    lines.push(`API key:  ${c.apiKey}`, `portal:   ${c.portal}`, `base URL: ${c.baseUrl}`, '');
    lines.push(`curl -H 'Authorization: ${c.apiKey}' '${c.baseUrl}users/?per_page=5'`);
  } else if ('apiToken' in c) {
    lines.push(`API token: ${c.apiToken}`, `API URL:   ${c.apiUrl}`, '');
    lines.push(`curl -H 'Authorization: Bearer ${c.apiToken}' '${c.apiUrl}/api/v1/users'`);
  } else {
    lines.push(
      `API key:        ${c.apiKey}`,
      `org id:         ${c.orgId}`,
      `base URL:       ${c.baseUrl}/api`,
      `insights:       ${c.insightsBaseUrl}`,
      `token URL:      ${c.tokenUrl}`,
      `client id:      ${c.oauthClient.clientId}`,
      `client secret:  ${c.oauthClient.clientSecret}`,
      '',
      `curl -H 'x-api-key: ${c.apiKey}' '${c.baseUrl}/api/systemusers?limit=5&sort=_id'`,
    );
  }
  lines.push('', 'Press Ctrl-C to stop.');
  console.log(lines.join('\n'));

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
