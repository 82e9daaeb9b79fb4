import { conformanceCases } from '@org/connector-sandbox/testing';
import { describe, it } from 'vitest';
import { createOktaConnector } from '../src/index.js';

describe('Okta conformance, API token', () => {
  for (const c of conformanceCases({
    vendor: 'okta',
    connect: (credentials, options) => createOktaConnector({ ...credentials, ...options }),
  })) {
    it(c.name, c.run);
  }
});

describe('Okta conformance, service app (private_key_jwt)', () => {
  for (const c of conformanceCases({
    vendor: 'okta',
    connect: ({ baseUrl, oauthClient }, options) =>
      createOktaConnector({ baseUrl, serviceApp: oauthClient, ...options }),
  })) {
    it(c.name, c.run);
  }
});
