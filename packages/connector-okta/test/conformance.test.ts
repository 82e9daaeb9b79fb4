import {
  type ConformanceAdapter,
  conformanceCases,
  recordSandbox,
} from '@org/connector-sandbox/testing';
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

// The same suite over a recording of a tenant (here the sandbox's, personal data faked) instead of
// generated data: each case replays it, with as many users as it needs.
const apiToken: ConformanceAdapter<'okta'> = {
  vendor: 'okta',
  connect: (credentials, options) => createOktaConnector({ ...credentials, ...options }),
};
const replay = await recordSandbox(apiToken);

describe('Okta conformance over a recorded tenant, API token', () => {
  for (const c of conformanceCases({ ...apiToken, replay })) it(c.name, c.run);
});
