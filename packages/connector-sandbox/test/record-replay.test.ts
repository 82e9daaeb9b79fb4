import { afterEach, describe, expect, it } from 'vitest';
import {
  createRecorder,
  leaksSecret,
  readRecording,
  SANDBOX_VENDOR_NAMES,
  type Sandbox,
  startReplay,
  startSandbox,
} from '../src/index.js';
import { Pseudonyms } from '../src/record/pseudonymise.js';
import { authHeaders, factsOf, walkUsers } from './walk-users.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function sandbox<V extends (typeof SANDBOX_VENDOR_NAMES)[number]>(vendor: V, users = 250) {
  const s = (await startSandbox({
    vendor,
    size: { users },
    limits: false,
    quirks: { nextHost: false },
  })) as Sandbox<V>;
  opened.push(s);
  return s;
}

describe('record and replay, every vendor', () => {
  for (const vendor of SANDBOX_VENDOR_NAMES) {
    it(`${vendor}: a replay lists the recorded users again, whatever page size is asked`, async () => {
      const s = await sandbox(vendor, 700);
      const secrets = factsOf(vendor).secrets(s.credentials);
      const recorder = createRecorder({ vendor, secrets, salt: 'a salt' });
      const recorded = await walkUsers(vendor, s, { fetch: recorder.fetch });
      expect(recorded.length).toBeGreaterThan(600);
      const replay = await startReplay(recorder.recording());
      opened.push(replay);
      expect(replay.vendor).toBe(vendor);
      // A replay answers with its own credentials; the recorded ones are gone.
      const again = await walkUsers(vendor, replay, { pageSize: 37 });
      expect(new Set(again)).toEqual(new Set(recorded));
      expect(again).toHaveLength(recorded.length);
      // Every user again, each email the fake the salt makes of it.
      const fakes = new Pseudonyms('a salt');
      const people = (x: Sandbox, fake: (e: string) => string) =>
        x.control
          .users()
          .map((u) => `${u.id} ${u.email === null ? null : fake(u.email)}`)
          .sort();
      expect(people(replay, (e) => e)).toEqual(people(s, (e) => fakes.email(e)));
      // Credentials still count: a wrong one gets the vendor's refusal.
      const [carrier] = factsOf(vendor).auth;
      const res = await fetch(`${replay.url}${new URL(walkPath(vendor)).pathname}`, {
        headers: { [carrier?.header ?? 'authorization']: 'wrong-credential-value' },
      });
      expect(res.status).toBe(401);
    });
  }
});

const walkPath = (vendor: string) =>
  ({
    hexnode: 'http://x/api/v1/users/',
    kandji: 'http://x/api/v1/users',
    jumpcloud: 'http://x/api/systemusers',
    okta: 'http://x/api/v1/users',
  })[vendor] as string;

describe('what a recording keeps', () => {
  it('no credential, token, cookie or original email; every email a consistent fake', async () => {
    const s = await sandbox('jumpcloud', 30);
    const secrets = [s.credentials.apiKey, s.credentials.oauthClient.clientSecret];
    const recorder = createRecorder({ vendor: 'jumpcloud', secrets, salt: 'test-salt' });
    const get = (path: string, headers: Record<string, string> = authHeaders('jumpcloud', s)) =>
      recorder.fetch(`${s.url}${path}`, { headers });
    await get('/api/systemusers?limit=100&sort=_id');
    // An OAuth token: its request carries the client secret, its answer the access token.
    const { clientId, clientSecret } = s.credentials.oauthClient;
    const token = (await (
      await recorder.fetch(`${s.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=api',
      })
    ).json()) as { access_token: string };
    await get('/api/v2/usergroups', { authorization: `Bearer ${token.access_token}` });
    // A vendor that echoes the key in its error, body and headers; an SSO app's private key.
    s.control.fault({ kind: 'secret-echo', echo: { piece: 'whole', headers: true } });
    await get('/api/systemusers');
    await get('/api/applications?limit=10');
    // A sensitive policy value.
    const policies = (await (await get('/api/v2/policies')).json()) as Array<{ id: string }>;
    for (const p of policies) await get(`/api/v2/policies/${p.id}`);

    const recording = recorder.recording();
    const text = JSON.stringify(recording);
    const emails = s.control.users().map((u) => String(u.email));
    expect(emails.filter((e) => text.toLowerCase().includes(e.toLowerCase()))).toEqual([]);
    expect(leaksSecret(text, [...secrets, token.access_token])).toBe(false);
    expect(text).not.toMatch(/PRIVATE KEY-----/);
    expect(text).not.toMatch(/"value":"pw-/);
    expect(recording.log._connectorKit).toMatchObject({
      vendor: 'jumpcloud',
      credentials: 'removed',
      personalData: 'pseudonymised',
    });
    // Consistent: the same email has the same fake wherever it is, and a salt reproduces it.
    const fakes = new Pseudonyms('test-salt');
    for (const e of emails.slice(0, 5)) expect(text).toContain(fakes.email(e));
    expect(readRecording(text)).toEqual(recording);
  });

  it('names, phone numbers and serials are replaced, the same value by the same fake', async () => {
    const s = await sandbox('hexnode', 40);
    const recorder = createRecorder({ vendor: 'hexnode', secrets: [s.credentials.apiKey] });
    const h = authHeaders('hexnode', s);
    const users = (await (
      await recorder.fetch(`${s.credentials.baseUrl}users/?per_page=100&order_by=id`, {
        headers: h,
      })
    ).json()) as { results: Array<{ id: number; name: string; phoneno: string | null }> };
    const devices = (await (
      await recorder.fetch(`${s.credentials.baseUrl}devices/?per_page=100`, { headers: h })
    ).json()) as { results: Array<{ serial_number: string; device_name: string }> };
    const { entries } = recorder.recording().log;
    const recordedUsers = JSON.parse(entries[0]?.response.content.text ?? '') as typeof users;
    const recordedDevices = JSON.parse(entries[1]?.response.content.text ?? '') as typeof devices;
    const person = users.results[5] as (typeof users.results)[number];
    const fake = recordedUsers.results[5] as (typeof users.results)[number];
    expect(fake.id).toBe(person.id);
    expect(fake.name).not.toBe(person.name);
    const phoned = users.results.findIndex((u) => (u.phoneno ?? '').length > 3);
    expect(recordedUsers.results[phoned]?.phoneno).not.toBe(users.results[phoned]?.phoneno);
    expect(recordedUsers.results[phoned]?.phoneno).toMatch(/^\+?[\d ()-]+$/);
    for (const [i, d] of devices.results.entries()) {
      const r = recordedDevices.results[i] as (typeof devices.results)[number];
      expect(r.serial_number).not.toBe(d.serial_number);
      expect(r.serial_number).toHaveLength(d.serial_number.length);
      // "Ana's iPhone": the owner's first name is gone from the device's name too.
      const first = d.device_name.split("'")[0] as string;
      if (first !== 'Default') expect(r.device_name).not.toContain(first);
    }
    // The same name has the same fake in both lists.
    const owner = devices.results.findIndex((d) =>
      d.device_name.startsWith(person.name.split(' ')[0] as string),
    );
    if (owner >= 0) {
      const fakeFirst = fake.name.split(' ')[0] as string;
      expect(recordedDevices.results[owner]?.device_name.startsWith(fakeFirst)).toBe(true);
    }
  });

  it('keeps personal data when asked (a tenant of test data), credentials never', async () => {
    const s = await sandbox('kandji', 5);
    const recorder = createRecorder({
      vendor: 'kandji',
      secrets: [s.credentials.apiToken],
      personalData: 'keep',
    });
    await recorder.fetch(`${s.url}/api/v1/users`, { headers: authHeaders('kandji', s) });
    const text = JSON.stringify(recorder.recording());
    expect(text).toContain(String(s.control.users()[0]?.email));
    expect(text).not.toContain(s.credentials.apiToken);
    expect(recorder.recording().log._connectorKit.personalData).toBe('kept');
  });

  it('refuses what is no recording, or a vendor it cannot replay', async () => {
    await expect(startReplay('{"log":{}}')).rejects.toThrow(/not a connector-kit recording/);
    const s = await sandbox('kandji', 5);
    const recorder = createRecorder({ vendor: 'nobody', secrets: [s.credentials.apiToken] });
    await recorder.fetch(`${s.url}/api/v1/users`, { headers: authHeaders('kandji', s) });
    await expect(startReplay(recorder.recording())).rejects.toThrow(/cannot replay/);
  });
});
