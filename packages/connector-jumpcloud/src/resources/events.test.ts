import { ConfigError, PaginationError } from '@org/connector-core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorOnManualClock } from '../../test/helpers/drive.js';

const INSIGHTS = 'https://api.jumpcloud.com';
const PATH = '/insights/directory/v1/events';
const KEY = 'jc-key-0123456789';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const event = (n: number) => ({
  id: `e${n}`,
  event_type: 'user_login_attempt',
  service: 'sso',
  timestamp: `2024-01-01T00:00:0${n}.000Z`,
  success: true,
});

describe('events.list()', () => {
  it('sends search_after from the header and stops on a short page although the header is present', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const record = (body: Record<string, unknown>) => {
      bodies.push(body);
      return true;
    };
    nock(INSIGHTS)
      .post(PATH, record)
      .reply(200, [event(1), event(2)], {
        'x-result-count': '2',
        'x-limit': '2',
        'x-search_after': '[1704067202000,"e2"]',
      })
      .post(PATH, record)
      .reply(200, [event(3), event(4)], {
        'x-result-count': '2',
        'x-limit': '2',
        'x-search_after': '[1704067204000,"e4"]',
      })
      .post(PATH, record)
      .reply(200, [event(5)], {
        'x-result-count': '1',
        'x-limit': '2',
        'x-search_after': '[1704067205000,"e5"]',
      });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const events = await collect(
      jc.events.list({
        start: '2024-01-01T00:00:00Z',
        end: new Date('2024-01-02T00:00:00Z'),
        service: ['sso', 'directory'],
        limit: 2,
      }),
    );
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(nock.isDone()).toBe(true);
    expect(bodies[0]).toEqual({
      service: ['sso', 'directory'],
      start_time: '2024-01-01T00:00:00.000Z',
      end_time: '2024-01-02T00:00:00.000Z',
      limit: 2,
      sort: 'ASC',
    });
    expect(bodies[1]?.search_after).toEqual([1704067202000, 'e2']);
    expect(bodies[2]?.search_after).toEqual([1704067204000, 'e4']);
  });

  it('retries a failed page (the search POST is idempotent) with the same search_after', async () => {
    const bodies: unknown[] = [];
    const record = (body: unknown) => {
      bodies.push(body);
      return true;
    };
    nock(INSIGHTS)
      .post(PATH, record)
      .reply(200, [event(1)], {
        'x-result-count': '1',
        'x-limit': '1',
        'x-search_after': '[1,"e1"]',
      })
      .post(PATH, record)
      .reply(503, 'unavailable')
      .post(PATH, record)
      .reply(200, [], { 'x-result-count': '0', 'x-limit': '1', 'x-search_after': '[1,"e1"]' });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    expect(
      (await collect(jc.events.list({ start: '2024-01-01T00:00:00Z', limit: 1 }))).length,
    ).toBe(1);
    expect(bodies[1]).toEqual(bodies[2]);
  });

  it('stops with an error on a repeated search_after instead of looping', async () => {
    let n = 0;
    nock(INSIGHTS)
      .post(PATH)
      .times(3)
      .reply(200, () => [event(++n)], {
        'x-result-count': '1',
        'x-limit': '1',
        'x-search_after': '[1,"same"]',
      });
    const { jc, collect } = connectorOnManualClock({ apiKey: KEY });
    const error = await collect(jc.events.list({ start: '2024-01-01T00:00:00Z', limit: 1 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaginationError);
  });

  it('rejects a bad time range before any request', () => {
    const { jc } = connectorOnManualClock({ apiKey: KEY });
    expect(() => jc.events.list({ start: 'yesterday-ish' })).toThrow(ConfigError);
    expect(() => jc.events.list({ start: '2024-01-01', service: [] })).toThrow(ConfigError);
  });
});
