import {
  type ConformanceAdapter,
  conformanceCases,
  recordSandbox,
} from '@org/connector-sandbox/testing';
import { describe, it } from 'vitest';
import { createJumpCloudConnector } from '../src/index.js';

// Both credentials JumpCloud offers: an administrator's API key (the sandbox's credentials without
// the service account beside it) and a service account (OAuth client credentials, its token
// endpoint moved by baseUrl).
describe('JumpCloud conformance, API key', () => {
  for (const c of conformanceCases({
    vendor: 'jumpcloud',
    connect: (credentials, options) => createJumpCloudConnector({ ...credentials, ...options }),
  })) {
    it(c.name, c.run);
  }
});

describe('JumpCloud conformance, service account', () => {
  for (const c of conformanceCases({
    vendor: 'jumpcloud',
    connect: ({ oauthClient, orgId, baseUrl }, options) =>
      createJumpCloudConnector({ serviceAccount: oauthClient, orgId, baseUrl, ...options }),
  })) {
    it(c.name, c.run);
  }
});

// The same suite over a recording of a tenant (here the sandbox's, personal data faked) instead of
// generated data: each case replays it, with as many users as it needs.
const apiKey: ConformanceAdapter<'jumpcloud'> = {
  vendor: 'jumpcloud',
  connect: (credentials, options) => createJumpCloudConnector({ ...credentials, ...options }),
};
const replay = await recordSandbox(apiKey);

describe('JumpCloud conformance over a recorded tenant, API key', () => {
  for (const c of conformanceCases({ ...apiKey, replay })) it(c.name, c.run);
});
