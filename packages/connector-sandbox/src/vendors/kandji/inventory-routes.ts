import { OrderLog } from '../../server/order.js';
import { intParam } from '../../server/paging.js';
import { json, type Reply, type SandboxRequest } from '../../server/types.js';
import { deviceApps, deviceDetails } from './device-records.js';
import { blueprints, detections } from './fleet.js';
import { type KandjiInventory, PRISM_CATEGORIES } from './inventory.js';
import type { KandjiData } from './objects.js';

type Row = Record<string, unknown>;
const MAX_LIMIT = 300;
const PRISM_DEFAULT_LIMIT = 25; // the documented examples answer `"limit": 25` when none is sent
const detail = (status: number, message: string) => json(status, { detail: message });

/** Whether a row passes one Prism filter expression (`eq`, `in`, `not_in`, `like`, ...). */
function passes(value: unknown, ops: Record<string, unknown>): boolean {
  const text = value === null || value === undefined ? '' : String(value);
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : [String(x)]);
  return Object.entries(ops).every(([op, arg]) => {
    switch (op) {
      case 'eq':
        return value === arg;
      case 'in':
        return list(arg).includes(text);
      case 'not_in':
        return !list(arg).includes(text);
      case 'like':
        return list(arg).some((a) => text.toLowerCase().includes(a.toLowerCase()));
      case 'not_like':
        return !list(arg).some((a) => text.toLowerCase().includes(a.toLowerCase()));
      case 'lt':
        return Date.parse(text) < Date.parse(String(arg));
      case 'gt':
        return Date.parse(text) > Date.parse(String(arg));
      case 'lte':
        return Date.parse(text) <= Date.parse(String(arg));
      case 'gte':
        return Date.parse(text) >= Date.parse(String(arg));
      default:
        return false;
    }
  });
}

/** Parses Prism's `filter`: a JSON object of key → operators; `undefined` when malformed. */
function parseFilter(
  raw: string | null,
): Record<string, Record<string, unknown>> | undefined | null {
  if (raw === null || raw === '') return null;
  try {
    const f: unknown = JSON.parse(raw);
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return undefined;
    for (const ops of Object.values(f))
      if (typeof ops !== 'object' || ops === null) return undefined;
    return f as Record<string, Record<string, unknown>>;
  } catch {
    return undefined;
  }
}

/** Kandji's inventory endpoints: Prism, device details and apps, blueprints, vulnerabilities. */
export function inventoryRoutes(
  data: KandjiData,
  inventory: KandjiInventory,
  orders: OrderLog = new OrderLog('honoured'),
) {
  const order = orders.policy;
  const prismList =
    (category: string) =>
    (req: SandboxRequest): Reply => {
      const q = req.url.searchParams;
      const limitRaw = intParam(q, 'limit', PRISM_DEFAULT_LIMIT);
      const offset = intParam(q, 'offset', 0);
      if (limitRaw === undefined) return detail(400, 'limit must be an integer');
      if (offset === undefined) return detail(400, 'offset must be an integer');
      const limit = Math.min(Math.max(limitRaw, 1), MAX_LIMIT);
      const filter = parseFilter(q.get('filter'));
      if (filter === undefined) return detail(400, 'filter must be a JSON object');
      const blueprintIds = q
        .get('blueprint_ids')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const families = q
        .get('device_families')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      // The sandbox's order policy decides what becomes of the sort asked for.
      const asked = q.get('sort_by') || null;
      orders.note(req.url.pathname, asked !== null);
      const sortBy =
        asked === null || order === 'ignored'
          ? null
          : order === 'reversed'
            ? asked.startsWith('-')
              ? asked.slice(1)
              : `-${asked}`
            : asked;
      let page: Row[];
      let total: number;
      if (filter || blueprintIds?.length || families?.length || sortBy) {
        let all = inventory
          .allRows(category)
          .filter(
            (r) =>
              (!blueprintIds?.length || blueprintIds.includes(String(r.blueprint_id))) &&
              (!families?.length ||
                families.includes(
                  r.device__family === 'AppleTV' ? 'tvOS' : String(r.device__family),
                )) &&
              (!filter || Object.entries(filter).every(([key, ops]) => passes(r[key], ops))),
          );
        if (sortBy) {
          const key = sortBy.replace(/^-/, '');
          const sign = sortBy.startsWith('-') ? -1 : 1;
          all = all.sort((a, b) => sign * String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
        }
        total = all.length;
        page = all.slice(offset, offset + limit);
      } else {
        total = inventory.rowCount(category);
        page = inventory.rows(category, offset, offset + limit);
      }
      const { total: counted, offset: placed } = PRISM_CATEGORIES[category] ?? {
        total: true,
        offset: false,
      };
      return json(200, {
        // Local users carry an opaque cursor Kandji does not document; nothing reads it.
        cursor:
          category === 'local_users' && offset + limit < total
            ? Buffer.from(`${page.at(-1)?.device_id ?? ''}|${offset + limit}`).toString('base64')
            : null,
        data: page,
        limit,
        offset: placed ? offset : null,
        total: counted ? total : null,
      });
    };

  const prismCount = (req: SandboxRequest): Reply => {
    const category = req.url.searchParams.get('category') ?? '';
    if (!(category in PRISM_CATEGORIES)) return detail(400, `Invalid category: ${category}`);
    return json(200, { approximate: false, count: inventory.rowCount(category) });
  };

  const device =
    (handler: (d: number) => Reply) =>
    (_req: SandboxRequest, id: string): Reply => {
      const d = data.deviceIndex(id);
      return d === undefined ? detail(404, 'Not found.') : handler(d);
    };

  const listBlueprints = (req: SandboxRequest): Reply => {
    const q = req.url.searchParams;
    const limitRaw = intParam(q, 'limit', MAX_LIMIT);
    const offset = intParam(q, 'offset', 0);
    if (limitRaw === undefined || offset === undefined) return detail(400, 'Invalid page.');
    const limit = Math.min(Math.max(limitRaw, 1), MAX_LIMIT);
    const name = q.get('name')?.toLowerCase();
    const ids = q
      .get('id__in')
      ?.split(',')
      .map((s) => s.trim().toLowerCase());
    const id = q.get('id')?.toLowerCase();
    const all = blueprints(inventory).filter(
      (b) =>
        (!name || String(b.name).toLowerCase().includes(name)) &&
        (!ids || ids.includes(String(b.id))) &&
        (!id || b.id === id),
    );
    const link = (at: number) => {
      const u = new URL(req.url);
      u.searchParams.set('limit', String(limit));
      u.searchParams.set('offset', String(at));
      return u.toString();
    };
    return json(200, {
      count: all.length,
      next: offset + limit < all.length ? link(offset + limit) : null,
      previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
      results: all.slice(offset, offset + limit),
    });
  };

  const getBlueprint = (_req: SandboxRequest, id: string): Reply => {
    const found = blueprints(inventory).find((b) => b.id === id.toLowerCase());
    return found ? json(200, found) : detail(404, 'Not found.');
  };

  const listDetections = (req: SandboxRequest): Reply => {
    const q = req.url.searchParams;
    const size = intParam(q, 'size', MAX_LIMIT);
    if (size === undefined || size < 1 || size > MAX_LIMIT)
      return detail(400, `size must be between 1 and ${MAX_LIMIT}`);
    const after = q.get('after');
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) return detail(400, 'Invalid cursor.');
    const filter = parseFilter(q.get('filter'));
    if (filter === undefined) return detail(400, 'filter must be a JSON object');
    const all = detections(inventory).filter(
      (r) => !filter || Object.entries(filter).every(([k, ops]) => passes(r[k], ops)),
    );
    const next = start + size < all.length ? start + size : undefined;
    const link = (at: number) => {
      const u = new URL(req.url);
      u.searchParams.set('after', Buffer.from(String(at)).toString('base64url'));
      u.searchParams.set('size', String(size));
      return u.toString();
    };
    return json(200, {
      next: next === undefined ? null : link(next),
      previous: null,
      results: all.slice(start, start + size),
    });
  };

  const uuid = '([0-9a-fA-F-]{36})';
  return [
    ...Object.keys(PRISM_CATEGORIES).map((category) => ({
      pattern: new RegExp(`^/api/v1/prism/${category}/?$`),
      permission: `Prism › ${PRISM_LABELS[category]}`,
      handler: prismList(category),
    })),
    { pattern: /^\/api\/v1\/prism\/count\/?$/, permission: 'Prism › Count', handler: prismCount },
    {
      pattern: new RegExp(`^/api/v1/devices/${uuid}/details/?$`),
      permission: 'Devices › Get device details',
      handler: device((d) => json(200, deviceDetails(inventory, d))),
    },
    {
      pattern: new RegExp(`^/api/v1/devices/${uuid}/apps/?$`),
      permission: 'Devices › Get device apps',
      handler: device((d) => json(200, deviceApps(inventory, d))),
    },
    {
      pattern: /^\/api\/v1\/blueprints\/?$/,
      permission: 'Blueprints › List blueprints',
      handler: listBlueprints,
    },
    {
      pattern: new RegExp(`^/api/v1/blueprints/${uuid}/?$`),
      permission: 'Blueprints › Get blueprint',
      handler: getBlueprint,
    },
    {
      pattern: /^\/api\/v1\/vulnerability-management\/detections\/?$/,
      permission: 'Vulnerabilities › List detections',
      handler: listDetections,
    },
  ];
}

/** Prism categories as Kandji's API documentation names them (the permission names). */
export const PRISM_LABELS: Record<string, string> = {
  device_information: 'Device information',
  filevault: 'FileVault',
  activation_lock: 'Activation lock',
  apps: 'Applications',
  installed_profiles: 'Installed profiles',
  local_users: 'Local users',
  gatekeeper_and_xprotect: 'Gatekeeper and XProtect',
  application_firewall: 'Application firewall',
  startup_settings: 'Startup settings',
};

/** The permissions the inventory endpoints need, in the sandbox's vocabulary. */
export const KANDJI_INVENTORY_PERMISSIONS = [
  ...Object.values(PRISM_LABELS).map((l) => `Prism › ${l}`),
  'Prism › Count',
  'Devices › Get device details',
  'Devices › Get device apps',
  'Blueprints › List blueprints',
  'Blueprints › Get blueprint',
  'Vulnerabilities › List detections',
];
