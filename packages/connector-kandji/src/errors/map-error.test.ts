import { AuthenticationError, BadRequestError, PermissionError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { kandjiPermissionFor, mapKandjiError } from './map-error.js';

const ctx = (status: number, endpoint: string, body: unknown = undefined, bodyText = '') => ({
  status,
  endpoint,
  body,
  bodyText,
  headers: new Headers({ 'x-request-id': 'req-9' }),
});

describe('kandjiPermissionFor', () => {
  it.each([
    ['GET /api/v1/users', 'Users › List users'],
    ['GET /api/v1/users/', 'Users › List users'],
    ['GET /api/v1/users/69c009ca-1f78-4bdf-bb93-08d6d39041db', 'Users › Get user'],
    ['GET /api/v1/devices', 'Devices › List devices'],
    ['GET /api/v1/devices/4820db3b-dec7-40b2-9c8f-eb771ac1a250', 'Devices › Device details'],
    ['GET /kandji/api/v1/users', 'Users › List users'],
    [
      'GET /api/v1/devices/4820db3b-dec7-40b2-9c8f-eb771ac1a250/details',
      'Devices › Get device details',
    ],
    ['GET /api/v1/devices/4820db3b-dec7-40b2-9c8f-eb771ac1a250/apps', 'Devices › Get device apps'],
    ['GET /api/v1/prism/filevault', 'Prism › FileVault'],
    ['GET /api/v1/prism/apps?limit=300', 'Prism › Applications'],
    ['GET /api/v1/prism/count', 'Prism › Count'],
    ['GET /api/v1/prism/startup_settings', 'Prism › Startup settings'],
    ['GET /api/v1/prism/kernel_extensions', 'Prism › kernel extensions'],
    ['GET /api/v1/blueprints', 'Blueprints › List blueprints'],
    ['GET /api/v1/blueprints/b38787e4-401c-4c4b-86dc-f1cca2072531', 'Blueprints › Get blueprint'],
    ['GET /api/v1/vulnerability-management/detections', 'Vulnerabilities › List detections'],
  ])('%s needs %s', (endpoint, permission) => {
    expect(kandjiPermissionFor(endpoint)).toBe(permission);
  });
});

describe('mapKandjiError', () => {
  it('maps 401 to AuthenticationError with the request id', () => {
    const error = mapKandjiError(ctx(401, 'GET /api/v1/users', { detail: 'Invalid token.' }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendor: 'kandji', status: 401, requestId: 'req-9' });
    expect(error?.message).toContain('Invalid token.');
  });

  it('maps 403 to PermissionError naming the permission', () => {
    const error = mapKandjiError(
      ctx(403, 'GET /api/v1/devices/4820db3b-dec7-40b2-9c8f-eb771ac1a250'),
    );
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ permission: 'Devices › Device details' });
  });

  it.each([
    [
      400,
      { integration_id: ['“x” is not a valid UUID.'] },
      'integration_id: “x” is not a valid UUID.',
    ],
    [415, 'Unsupported media type "text/plain" in request.', 'Unsupported media type'],
  ])('maps %i to BadRequestError with Kandji’s reason', (status, body, reason) => {
    const error = mapKandjiError(ctx(status, 'GET /api/v1/users', body, JSON.stringify(body)));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error?.message).toContain(reason);
  });

  it.each([404, 408, 429, 500, 503])('leaves %i to the core', (status) => {
    expect(mapKandjiError(ctx(status, 'GET /api/v1/users', '<html></html>'))).toBeUndefined();
  });
});
