import { type ConnectorEvent, ValidationError } from '@org/connector-core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorOnManualClock } from '../../test/helpers/drive.js';

const BASE = 'https://console.jumpcloud.com';
const KEY = 'jc-key-0123456789';
const MARKER = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-PRIVATE';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const app = (id: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(id === undefined ? {} : { _id: id }),
  name: 'slack',
  displayLabel: 'Slack',
  active: true,
  ssoUrl: 'https://sso.jumpcloud.com/saml2/slack',
  sso: { type: 'saml', idpCertExpirationAt: '2027-01-01T00:00:00.000Z' },
  config: {
    idpPrivateKey: { value: MARKER, label: 'IdP Private Key' },
    idpCertificate: { value: `-----BEGIN CERTIFICATE-----${MARKER}` },
  },
  ...extra,
});

describe('applications: config never surfaces', () => {
  it('not in results, nor in events', async () => {
    nock(BASE)
      .get('/api/applications')
      .query(true)
      .reply(200, { totalCount: 2, results: [app('a1'), app('a2')] })
      .get('/api/applications/a1')
      .reply(200, app('a1'));
    const events: ConnectorEvent[] = [];
    const { jc, collect, run } = connectorOnManualClock({
      apiKey: KEY,
      onEvent: (e) => events.push(e),
    });
    const apps = await collect(jc.applications.list());
    const one = await run(jc.applications.get('a1'));
    expect(apps.map((a) => a.displayLabel)).toEqual(['Slack', 'Slack']);
    expect(apps[0]?.sso?.idpCertExpirationAt).toBe('2027-01-01T00:00:00.000Z');
    for (const a of [...apps, one]) expect('config' in a).toBe(false);
    expect(JSON.stringify([apps, one, events])).not.toContain(MARKER);
  });

  it('not in a validation error about the same application', async () => {
    nock(BASE)
      .get('/api/applications')
      .query(true)
      .reply(200, { totalCount: 1, results: [app(undefined, { active: 'yes' })] });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const error = await collect(jc.applications.list()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.path).toMatch(/^\$\.results\[0\]/);
    const everything = JSON.stringify({
      json: v.toJSON(),
      message: v.message,
      stack: v.stack,
      issues: v.issues,
    });
    expect(everything).not.toContain(MARKER);
    expect(String(v.cause ?? '')).not.toContain(MARKER);
  });

  it('lists user and group assignments', async () => {
    nock(BASE)
      .get('/api/v2/applications/a1/users')
      .query(true)
      .reply(
        200,
        [
          { id: 'u1', type: 'user', paths: [[{ to: { id: 'u1', type: 'user' } }]] },
          {
            id: 'u2',
            type: 'user',
            paths: [[{ to: { id: 'g1', type: 'user_group' } }, { to: { id: 'u2', type: 'user' } }]],
          },
        ],
        { 'x-total-count': '2' },
      )
      .get('/api/v2/applications/a1/usergroups')
      .query(true)
      .reply(
        200,
        [{ id: 'g1', type: 'user_group', paths: [[{ to: { id: 'g1', type: 'user_group' } }]] }],
        {
          'x-total-count': '1',
        },
      );
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const users = await collect(jc.applications.users('a1'));
    const groups = await collect(jc.applications.userGroups('a1'));
    expect(users.map((u) => [u.id, u.paths?.[0]?.length])).toEqual([
      ['u1', 1],
      ['u2', 2],
    ]);
    expect(groups.map((g) => g.id)).toEqual(['g1']);
  });
});
