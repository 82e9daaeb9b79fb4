import { conformanceCases } from '@org/connector-sandbox/testing';
import { describe, it } from 'vitest';
import { createHexnodeConnector } from '../src/index.js';

describe('Hexnode conformance', () => {
  for (const c of conformanceCases({
    vendor: 'hexnode',
    connect: (credentials, options) => createHexnodeConnector({ ...credentials, ...options }),
  })) {
    it(c.name, c.run);
  }
});
