import { conformanceCases } from '@org/connector-sandbox/testing';
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
