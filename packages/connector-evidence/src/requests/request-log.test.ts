import { describe, expect, it } from 'vitest';
import { createRequestLog, templatePath } from './request-log.js';

describe('templatePath', () => {
  it('replaces numeric, ObjectId and UUID segments by {id}', () => {
    expect(templatePath('GET /api/v2/usergroups/5c3dd737aab9191d9b5430ba/members')).toBe(
      'GET /api/v2/usergroups/{id}/members',
    );
    expect(templatePath('GET /api/v1/devices/b6c759ac-5bf3-4add-9b96-46494de84255')).toBe(
      'GET /api/v1/devices/{id}',
    );
    expect(templatePath('GET /api/v1/usergroups/12/')).toBe('GET /api/v1/usergroups/{id}/');
    expect(templatePath('GET /api/systemusers')).toBe('GET /api/systemusers');
  });
});

describe('createRequestLog', () => {
  it('counts requests, pages and items per connection and path, and forwards events', () => {
    const log = createRequestLog();
    const seen: string[] = [];
    const a = log.handler('a', (e) => seen.push(e.type));
    log.handler('b');
    const base = { vendor: 'jumpcloud', endpoint: 'GET /api/systemusers' };
    a({ ...base, type: 'request', method: 'GET', attempt: 1 });
    a({ ...base, type: 'request', method: 'GET', attempt: 2 });
    a({ ...base, type: 'page', page: 0, items: 100, durationMs: 5 });
    a({ ...base, type: 'page', page: 1, items: 7, durationMs: 5 });
    expect(log.paths('a')).toEqual([
      { endpoint: 'GET /api/systemusers', requests: 2, pages: 2, items: 107 },
    ]);
    expect(log.paths('b')).toEqual([]);
    expect(log.connections()).toEqual(['a', 'b']);
    expect(seen).toEqual(['request', 'request', 'page', 'page']);
  });
});
