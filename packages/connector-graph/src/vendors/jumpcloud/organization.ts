// The JumpCloud organization (the account entity): its listing entry, its settings (admin MFA,
// the user password policy: only in `GET /api/organizations/{id}`) and its conditional-access
// policies (`GET /api/v2/authn/policies`).
import type { ResourceReader } from '../../collect/adapter.js';
import { timestampOf } from '../../model/jupiterone.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { accessor, present, text } from '../common.js';
import type { JumpCloudRead } from './context.js';
import type { Named, Organizations } from './types.js';

export function organizations(jc: JumpCloudRead): ResourceReader {
  return jc.listing('organizations', async (ctx) => {
    const configured = jc.orgId;
    for await (const o of jc.list<Named>('organizations').list(ctx.call)) {
      if (configured !== undefined && o._id !== configured) continue;
      jc.orgId = o._id;
      // The tenant's organization: its fields go on the account entity.
      const name = text(o.displayName) ?? `JumpCloud ${o._id}`;
      ctx.entity({
        kind: 'account',
        id: jc.accountId,
        class: ['Account', 'Organization'],
        displayName: name,
        fields: {
          ...vendorFields(o),
          name,
          vendor: 'JumpCloud',
          orgId: o._id,
          ...present({ createdOn: timestampOf(o.created) }),
          webLink: jc.link('home'),
        },
      });
      break;
    }
  });
}

/**
 * The organization's settings (`settings.requireAdminMFA`, `settings.passwordPolicy.*`), one
 * request: the organization list carries none of them.
 */
export function organizationSettings(jc: JumpCloudRead): ResourceReader {
  return {
    name: 'organizationSettings',
    dependsOn: ['organizations'],
    merges: ['settings.'],
    estimate: () => 1,
    async read(ctx) {
      if (jc.orgId === undefined) return;
      const orgs = accessor<Organizations>(jc.connector, 'organizations', 'get');
      const detail = await orgs.get(jc.orgId, ctx.call);
      const settings = vendorFields({ settings: detail.settings ?? {} });
      ctx.merge('account', jc.accountId, settings);
    },
  };
}

/** Conditional-access policies (`jumpcloud_authn_policy`, an `AccessPolicy`). */
export function authnPolicies(jc: JumpCloudRead): ResourceReader {
  return jc.listing('authnPolicies', async (ctx) => {
    for await (const p of jc
      .list<{ id: string; name?: string | null }>('authnPolicies')
      .list(ctx.call)) {
      const policy = ctx.entity({
        kind: 'access_policy',
        id: p.id,
        class: ['AccessPolicy'],
        displayName: text(p.name) ?? p.id,
        fields: { ...vendorFields(p), webLink: jc.link('authn-policies') },
      });
      ctx.relate(ctx.account, 'HAS', policy);
    }
  });
}
