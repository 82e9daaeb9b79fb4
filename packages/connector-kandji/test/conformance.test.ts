import { conformanceCases } from '@org/connector-sandbox/testing';
import { describe, it } from 'vitest';
import { createKandjiConnector } from '../src/index.js';

describe('Kandji conformance', () => {
  for (const c of conformanceCases({
    vendor: 'kandji',
    connect: (credentials, options) => createKandjiConnector({ ...credentials, ...options }),
  })) {
    it(c.name, c.run);
  }
});
