// JumpCloud's devices: systems (with their primary user), device policies and their result per
// system, and the Apple MDM servers with the Apple devices they manage.
import type { ResourceReader } from '../../collect/adapter.js';
import { deviceCategory, deviceProperties, osTypeOf, timestampOf } from '../../model/jupiterone.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { accessor, present, text } from '../common.js';
import type { JumpCloudRead } from './context.js';
import type { AppleMdm, AppleMdms, JcSystem, Policies } from './types.js';

export function systems(jc: JumpCloudRead): ResourceReader {
  return jc.listing('systems', async (ctx) => {
    for await (const s of jc.list<JcSystem>('systems').list(ctx.call)) {
      const osType = osTypeOf(s.os);
      const device = ctx.entity({
        kind: 'device',
        id: s._id,
        class: ['Device'],
        displayName: text(s.displayName) ?? text(s.hostname) ?? s._id,
        fields: {
          ...vendorFields(s),
          ...deviceProperties({
            category: deviceCategory(osType),
            make: text(s.hwVendor) ?? (osType === 'darwin' ? 'Apple' : null),
            model: null,
            serial: s.serialNumber,
            lastSeen: s.lastContact,
            platform: s.os,
            osName: s.os,
            osVersion: s.version,
            osDetails: [text(s.os), text(s.version)].filter(Boolean).join(' ') || null,
            hostname: s.hostname,
          }),
          ...present({
            encrypted: s.fde ? s.fde.active === true : undefined,
            createdOn: timestampOf(s.created),
          }),
          // `null` when JumpCloud says the system has no primary user (absent when it says nothing).
          ...(s.primarySystemUser !== undefined
            ? { 'primarySystemUser.id': text(s.primarySystemUser?.id) ?? null }
            : {}),
          webLink: jc.link(`systems/${s._id}/details`),
        },
      });
      ctx.relate(ctx.account, 'HAS', device);
      // The system's primary user: the person it is assigned to.
      const owner = text(s.primarySystemUser?.id);
      if (owner) ctx.relate(ctx.ref('user', owner), 'OWNS', device);
    }
  });
}

export function policies(jc: JumpCloudRead): ResourceReader {
  return jc.listing('policies', async (ctx) => {
    for await (const p of jc.list<{ id: string; name: string }>('policies').list(ctx.call)) {
      jc.policyIds.push(p.id);
      const policy = ctx.entity({
        kind: 'policy',
        id: p.id,
        class: ['ControlPolicy'],
        displayName: p.name,
        fields: { ...vendorFields(p), webLink: jc.link(`policies/${p.id}/details`) },
      });
      ctx.relate(ctx.account, 'HAS', policy);
    }
  });
}

/** A policy ENFORCES each system it applies to, with the result: `success`, `state`... */
export function policyResults(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'policyResults',
    dependsOn: ['policies'],
    estimate: ({ items }) => items('policies') ?? 1,
    async read(ctx) {
      const listing = accessor<Policies>(jc.connector, 'policies', 'statuses');
      for (const id of jc.policyIds) {
        for await (const s of listing.statuses(id, ctx.call)) {
          const system = text(s.systemID);
          if (!system) continue;
          ctx.relate(ctx.ref('policy', id), 'ENFORCES', ctx.ref('device', system), {
            success: s.success ?? null,
            state: s.state ?? null,
            exitStatus: s.exitStatus ?? null,
            endedOn: timestampOf(s.endedAt),
          });
        }
      }
    },
  };
}

/** Apple MDM servers (`jumpcloud_apple_mdm`): APNs certificate and DEP token expiry. */
export function appleMdms(jc: JumpCloudRead): ResourceReader {
  return jc.listing('appleMdms', async (ctx) => {
    for await (const m of jc.list<AppleMdm>('appleMdms').list(ctx.call)) {
      jc.mdmIds.push(m.id);
      const mdm = ctx.entity({
        kind: 'mdm',
        id: m.id,
        class: ['Configuration'],
        displayName: text(m.name) ?? m.id,
        fields: { ...vendorFields(m), webLink: jc.link('MDM') },
      });
      ctx.relate(ctx.account, 'HAS', mdm);
    }
  });
}

/**
 * The Apple devices each MDM server manages (`jumpcloud_apple_device` HAS its `jumpcloud_apple_mdm`,
 * as JupiterOne relates them): DEP registration, supervision, activation-lock bypass, UDID.
 */
export function appleMdmDevices(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'appleMdmDevices',
    dependsOn: ['appleMdms'],
    // A listing per MDM server, 100 devices a page.
    estimate: ({ items }) =>
      Math.max(items('appleMdms') ?? 1, Math.ceil((items('appleMdmDevices') ?? 0) / 100)),
    async read(ctx) {
      const listing = accessor<AppleMdms>(jc.connector, 'appleMdms', 'devices');
      for (const id of jc.mdmIds) {
        const mdm = ctx.ref('mdm', id);
        for await (const d of listing.devices(id, ctx.call)) {
          const info = d.deviceInformation ?? {};
          const platform = text(d.mdmOsFamily) ?? text(d.modelFamily);
          const device = ctx.entity({
            kind: 'mdm_device',
            id: d.id,
            class: ['Device'],
            displayName: text(info.deviceName) ?? text(d.serialNumber) ?? d.id,
            fields: {
              ...vendorFields(d),
              ...deviceProperties({
                category: deviceCategory(osTypeOf(platform)),
                make: 'Apple',
                model: info.modelName,
                serial: d.serialNumber,
                udid: d.udid,
                lastSeen: null,
                platform,
                osVersion: d.osVersion,
              }),
              ...present({
                isSupervised: info.isSupervised,
                deviceCapacity: info.deviceCapacity,
                createdOn: timestampOf(d.createdAt),
              }),
            },
          });
          ctx.relate(device, 'HAS', mdm);
        }
      }
    },
  };
}
