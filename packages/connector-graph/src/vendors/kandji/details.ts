// Kandji's per-device details (`GET /api/v1/devices/{id}/details`), which the host opts in to:
// one request per device, so only up to a budget. They add what no fleet-wide listing carries:
// supervision, MDM and agent install dates, the assigned user's name, ADE, recovery lock, the
// hardware UUID.
import type { ResourceReader } from '../../collect/adapter.js';
import { vendorFields } from '../../model/vendor-fields.js';
import { method, present, type SignalOption, text } from '../common.js';
import { type PerDeviceOptions, perDeviceReader } from '../per-device.js';
import type { KandjiRead } from './context.js';

interface Details {
  general?: { assigned_user?: string | null } | null;
  mdm?: { supervised?: boolean | null } | null;
  hardware_overview?: { uuid?: string | null } | null;
}
type ReadDetails = (id: string, o?: SignalOption) => Promise<Details>;

export function deviceDetails(k: KandjiRead, options: PerDeviceOptions): ResourceReader {
  return perDeviceReader({
    name: 'deviceDetails',
    merges: [
      'general.',
      'mdm.',
      'kandjiAgent.',
      'automatedDeviceEnrollment.',
      'hardwareOverview.uuid',
      'recoveryInformation.',
      'securityInformation.',
      'lostMode.',
      'isSupervised',
      'deviceId',
    ],
    options,
    ids: () => k.deviceIds,
    async read(ctx, id) {
      const read = method<ReadDetails>(k.connector, 'deviceDetails');
      const d = await read(String(id), ctx.call);
      const uuid = text(d.hardware_overview?.uuid);
      // Prism already merged FileVault and Activation Lock under the same names; tags and the
      // serial number are the listing's.
      const fields = vendorFields(
        d,
        new Set(['filevault', 'activation_lock', 'tags', 'volumes', 'users', 'installed_profiles']),
      );
      ctx.merge('device', String(id), {
        ...Object.fromEntries(
          Object.entries(fields).filter(([name]) => !name.startsWith('hardwareOverview.serial')),
        ),
        ...present({
          isSupervised: d.mdm?.supervised,
          'general.assignedUserName': text(d.general?.assigned_user),
        }),
        ...(uuid ? { deviceId: [uuid] } : {}),
      });
    },
  });
}
