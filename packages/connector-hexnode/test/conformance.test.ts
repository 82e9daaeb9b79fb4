import {
  type ConformanceAdapter,
  conformanceCases,
  recordSandbox,
} from '@org/connector-sandbox/testing';
import { describe, it } from 'vitest';
import { createHexnodeConnector } from '../src/index.js';

const adapter: ConformanceAdapter<'hexnode'> = {
  vendor: 'hexnode',
  connect: (credentials, options) => createHexnodeConnector({ ...credentials, ...options }),
};

describe('Hexnode conformance', () => {
  for (const c of conformanceCases(adapter)) it(c.name, c.run);
});

// The same suite over a recording of a tenant (here the sandbox's, personal data faked) instead of
// generated data: each case replays it, with as many users as it needs.
const replay = await recordSandbox(adapter);

describe('Hexnode conformance over a recorded tenant', () => {
  for (const c of conformanceCases({ ...adapter, replay })) it(c.name, c.run);
});
