import { afterEach, describe, expect, it } from 'vitest';
import { applyDrift } from '../src/control/faults.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { credentialIn, withoutScheme } from '../src/server/credential.js';
import { assertInjected } from '../src/testing/conformance/injection.js';
import { SuiteInjectionError } from '../src/testing.js';
import { call } from './helpers.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('faults driven by the vendor facts', () => {
  it('drift renames, removes and sets dotted fields of the items where the facts say they are', () => {
    const body = [
      { id: 1, profile: { email: 'a@x.test', login: 'a' } },
      { id: 2, profile: { email: 'b@x.test' } },
    ];
    const renamed = applyDrift(body, { rename: ['profile.email', 'profile.mail'] }, '');
    expect(renamed.changed).toBe(true);
    expect(renamed.body).toEqual([
      { id: 1, profile: { login: 'a', mail: 'a@x.test' } },
      { id: 2, profile: { mail: 'b@x.test' } },
    ]);
    expect(applyDrift({ results: body }, { set: { 'profile.email': { t: 1 } } }).body).toEqual({
      results: [
        { id: 1, profile: { email: { t: 1 }, login: 'a' } },
        { id: 2, profile: { email: { t: 1 } } },
      ],
    });
    // A field no item has changes nothing, and says so.
    expect(applyDrift(body, { rename: ['email', 'mail'] }, '').changed).toBe(false);
  });

  it('strips every auth scheme, not a list of known ones', () => {
    expect(withoutScheme('SSWS 00abcdefghijkl')).toBe('00abcdefghijkl');
    expect(withoutScheme('Bearer x.y.z')).toBe('x.y.z');
    expect(withoutScheme('raw-key-without-scheme')).toBe('raw-key-without-scheme');
    const carriers = [{ header: 'x-api-key' }, { header: 'authorization' }];
    expect(credentialIn(new Headers({ authorization: 'SSWS tok' }), carriers)).toBe('tok');
    expect(credentialIn({ 'x-api-key': 'k1' }, carriers)).toBe('k1');
  });

  it('a fault that finds nothing to change is served as the vendor reply and reported as never applied', async () => {
    const s = await startSandbox({ vendor: 'kandji', size: { users: 5 } });
    opened.push(s);
    const h = { authorization: `Bearer ${s.credentials.apiToken}` };
    s.control.fault({
      kind: 'drift',
      path: '/api/v1/users',
      drift: { rename: ['profile.email', 'x'] },
    });
    const res = await call(`${s.url}/api/v1/users`, h);
    expect(res.status).toBe(200);
    const [report] = s.control.faultReport();
    expect(report).toMatchObject({ kind: 'drift', taken: 1, applied: 0 });
    expect(report?.missed).toMatch(/no item at results/);
    const error = (() => {
      try {
        assertInjected(s.control.faultReport());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SuiteInjectionError);
    expect(String((error as Error).message)).toMatch(/^suite could not inject drift/);
    s.control.clearFaults();
    s.control.fault({ kind: 'drift', path: '/api/v1/users', drift: { rename: ['email', 'mail'] } });
    await call(`${s.url}/api/v1/users`, h);
    expect(s.control.faultReport()[0]).toMatchObject({ taken: 1, applied: 1 });
    expect(() => assertInjected(s.control.faultReport())).not.toThrow();
  });

  it('endless-pages and repeat-cursor speak the vendor paging: a body link for Kandji, page numbers for Hexnode', async () => {
    const k = await startSandbox({ vendor: 'kandji', size: { users: 5 } });
    opened.push(k);
    const h = { authorization: `Bearer ${k.credentials.apiToken}` };
    k.control.fault({ kind: 'endless-pages', path: '/api/v1/users' });
    const page = (await call(`${k.url}/api/v1/users`, h)).body as { next: string };
    expect(new URL(page.next).searchParams.get('cursor')).toMatch(/^endless-/);
    const x = await startSandbox({ vendor: 'hexnode', size: { users: 5 } });
    opened.push(x);
    x.control.fault({ kind: 'endless-pages', path: '/api/v1/users/' });
    const hex = (
      await call(`${x.credentials.baseUrl}users/?page=3&per_page=2`, {
        authorization: x.credentials.apiKey,
      })
    ).body as { next: string };
    expect(new URL(hex.next).searchParams.get('page')).toBe('4');
  });
});
