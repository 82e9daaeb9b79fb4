// Kandji: users, blueprints and devices, and from Prism (fleet-wide, 300 rows a request) each
// device's hardware, FileVault, Activation Lock, Gatekeeper, firewall and startup security, the
// apps and profiles installed on it and its local accounts. Per-device details (supervision...)
// only when the host opts in, up to a budget.
import type { VendorAdapter } from '../collect/adapter.js';
import { identityOf } from './common.js';
import { KandjiRead } from './kandji/context.js';
import { deviceDetails } from './kandji/details.js';
import { blueprints, devices, users } from './kandji/fleet.js';
import { prismInventory, prismSecurity } from './kandji/prism.js';
import type { PerDeviceOptions } from './per-device.js';

/** Options of {@link createKandjiAdapter}. */
export interface KandjiAdapterOptions {
  /**
   * Read each device's details (`GET /api/v1/devices/{id}/details`: supervision, MDM and agent
   * dates, ADE, recovery lock): one request per device, up to `maxDevices` a collect. Off unless
   * given.
   */
  deviceDetails?: PerDeviceOptions | undefined;
}

/**
 * An adapter for Kandji connections (`createKandjiConnector`); pass it to `collect()` under
 * `adapters: { kandji: createKandjiAdapter({ deviceDetails: { maxDevices: 500 } }) }` to read
 * per-device details.
 */
export function createKandjiAdapter(options: KandjiAdapterOptions = {}): VendorAdapter {
  return {
    // JupiterOne's graph-kandji calls blueprints so.
    types: { device_group: 'kandji_blueprint' },

    identity: (connector) => identityOf(connector, KandjiRead.tenantOf(connector)),

    account: (connector) => {
      const tenant = KandjiRead.tenantOf(connector);
      return {
        id: tenant ?? connector.name,
        class: ['Account'],
        displayName: `Kandji ${tenant ?? connector.name}`,
        fields: { vendor: 'Kandji', tenant: tenant ?? null },
      };
    },

    resources(connector) {
      const k = new KandjiRead(connector);
      return [
        users(k),
        blueprints(k),
        devices(k),
        ...prismSecurity(k),
        ...prismInventory(k),
        ...(options.deviceDetails ? [deviceDetails(k, options.deviceDetails)] : []),
      ];
    },
  };
}

/** Reads a Kandji connection (`createKandjiConnector`): Prism fleet-wide, no per-device calls. */
export const kandjiAdapter: VendorAdapter = createKandjiAdapter();
