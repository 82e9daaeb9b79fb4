// Kandji's users, blueprints and devices: what the device listing and the user listing say. A
// blueprint is Kandji's device grouping (`kandji_blueprint`, a `Group` holding its devices).
import type { ResourceReader } from '../../collect/adapter.js';
import {
  deviceCategory,
  deviceProperties,
  osTypeOf,
  timestampOf,
  userProperties,
} from '../../model/jupiterone.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { pagesFor, present, text, usersEstimate } from '../common.js';
import { type KandjiRead, PAGE } from './context.js';

interface KandjiUser {
  id: string;
  email?: string | null;
  deprecated_user_id?: string | null;
  name?: string | null;
  active?: boolean | null;
  archived?: boolean | null;
  created_at?: Date | null;
  updated_at?: Date | null;
}
interface KandjiBlueprint {
  id: string;
  name?: string | null;
  enrollment_code?: { is_active?: boolean | null } | null;
}
interface KandjiDevice {
  device_id: string;
  device_name?: string | null;
  model?: string | null;
  serial_number?: string | null;
  asset_tag?: string | null;
  platform?: string | null;
  os_version?: string | null;
  blueprint_id?: string | null;
  last_check_in?: Date | string | null;
  first_enrollment?: Date | string | null;
  last_enrollment?: Date | string | null;
  user?: { legacyId?: string | null; uuid?: string | null; email?: string | null } | null;
}

/** `mobile` for iPhones and iPads, `other` for Apple TVs, `endpoint` for Macs. */
function category(platform: string | null | undefined): string {
  return platform === 'AppleTV' ? 'other' : deviceCategory(osTypeOf(platform));
}

export function users(k: KandjiRead): ResourceReader {
  return {
    name: 'users',
    estimate: usersEstimate(k.connector, PAGE),
    async read(ctx) {
      for await (const u of k.list<KandjiUser>('users').list(ctx.call)) {
        const email = text(u.email)?.toLowerCase();
        if (email) k.byEmail.set(email, u.id);
        if (u.deprecated_user_id) k.byLegacy.set(u.deprecated_user_id, u.id);
        const name = text(u.name);
        const [first, ...rest] = name?.split(/\s+/) ?? [];
        const user = ctx.entity({
          kind: 'user',
          id: u.id,
          class: ['User'],
          displayName: name ?? email ?? u.id,
          fields: {
            ...vendorFields(u, new Set(['integration.uuid'])),
            ...userProperties({
              email,
              username: email,
              firstName: first,
              lastName: rest.join(' '),
              active: u.active !== false && u.archived !== true,
            }),
            isArchived: u.archived === true,
            ...present({
              createdOn: timestampOf(u.created_at),
              updatedOn: timestampOf(u.updated_at),
            }),
          },
        });
        ctx.relate(ctx.account, 'HAS', user);
      }
    },
  };
}

/** Blueprints with their fields (`GET /api/v1/blueprints`): the enrollment code is never kept. */
export function blueprints(k: KandjiRead): ResourceReader {
  return {
    name: 'blueprints',
    estimate: ({ items }) => pagesFor(items('blueprints'), PAGE),
    async read(ctx) {
      for await (const b of k.list<KandjiBlueprint>('blueprints').list(ctx.call)) {
        const group = ctx.entity({
          kind: 'device_group',
          id: b.id,
          class: ['Group'],
          displayName: text(b.name) ?? b.id,
          fields: {
            ...vendorFields(b),
            ...present({ enrollmentCodeActive: b.enrollment_code?.is_active }),
          },
        });
        ctx.relate(ctx.account, 'HAS', group);
      }
    },
  };
}

export function devices(k: KandjiRead): ResourceReader {
  return {
    name: 'devices',
    dependsOn: ['users'],
    estimate: ({ items }) => pagesFor(items('devices'), PAGE),
    async read(ctx) {
      for await (const d of k.list<KandjiDevice>('devices').list(ctx.call)) {
        k.deviceIds.push(d.device_id);
        const device = ctx.entity({
          kind: 'device',
          id: d.device_id,
          class: ['Device'],
          displayName: text(d.device_name) ?? d.device_id,
          fields: {
            ...vendorFields(d),
            ...deviceProperties({
              category: category(d.platform),
              make: 'Apple',
              model: d.model,
              serial: d.serial_number,
              lastSeen: d.last_check_in,
              platform: d.platform,
              osVersion: d.os_version,
            }),
            id: d.device_id,
            ...present({
              // The data model's asset tags are a list.
              assetTag: text(d.asset_tag) ? [String(text(d.asset_tag))] : undefined,
              // The device's family as Kandji names it (`Mac`, `iPhone`, `iPad`, `AppleTV`).
              deviceFamily: text(d.platform),
              'user.id': text(d.user?.legacyId) ?? text(d.user?.uuid),
              lastCheckinOn: timestampOf(d.last_check_in),
              firstEnrollmentOn: timestampOf(d.first_enrollment),
              lastEnrollmentOn: timestampOf(d.last_enrollment),
            }),
          },
        });
        ctx.relate(ctx.account, 'HAS', device);
        const owner = k.ownerOf(d.user);
        if (owner) ctx.relate(ctx.ref('user', owner), 'OWNS', device);
        const blueprint = text(d.blueprint_id);
        if (blueprint) ctx.relate(ctx.ref('device_group', blueprint), 'HAS', device);
      }
    },
  };
}
