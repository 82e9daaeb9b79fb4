import { ResponseTooLargeError } from '@org/connector-core';
import { startSandbox } from '@org/connector-sandbox';
import { expect, it } from 'vitest';
import { createKandjiConnector } from '../src/connector.js';

it('maxResponseBytes reaches the transport: a huge users page fails, once, not retried', async () => {
  const sandbox = await startSandbox({ vendor: 'kandji', size: { users: 10 } });
  try {
    sandbox.control.fault({ kind: 'huge-body', path: '/api/v1/users', bytes: 64 * 1024 * 1024 });
    const kandji = createKandjiConnector({ ...sandbox.credentials, maxResponseBytes: 1024 * 1024 });
    const error = await kandji.users
      .list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ vendor: 'kandji', maxBytes: 1024 * 1024, retryable: false });
    expect(sandbox.control.counters().requests).toBe(1);
  } finally {
    await sandbox.close();
  }
});
