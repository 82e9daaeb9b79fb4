import { uuid } from '../../data/ids.js';
import { hash, pick, Stream } from '../../data/random.js';
import { CVES, ms, prismTime, type Row } from './catalog.js';
import type { KandjiInventory } from './inventory.js';

// Fleet-wide records beside Prism: blueprints and vulnerability detections.

/** The three blueprints every device is on (or none), with their device counts. */
export function blueprints(inv: KandjiInventory): Row[] {
  const names = ['Standard', 'Engineering', '_testing_ipados'];
  const counts = [0, 0, 0];
  for (let d = 0; d < inv.data.devices; d++) {
    const id = inv.data.device(d).blueprint_id;
    const k = names.findIndex((_, i) => uuid(inv.data.seed, Stream.policy, i) === id);
    if (k >= 0) counts[k] = (counts[k] as number) + 1;
  }
  return names.map((name, i) => ({
    color: pick(['aqua-500', 'blue-400', 'grey-300'], inv.data.seed, i, 0xc0),
    computers_count: counts[i],
    description: i === 2 ? 'iPads for testing' : '',
    enrollment_code: {
      code: String(100_000 + (hash(inv.data.seed, i, 0xc1) % 900_000)),
      is_active: i !== 2,
    },
    icon: 'ss-files',
    id: uuid(inv.data.seed, Stream.policy, i),
    name,
    params: {},
    type: i === 1 ? 'map' : 'classic',
  }));
}

/** Vulnerability detections: some Mac apps carry a known CVE. */

export function detections(inv: KandjiInventory): Row[] {
  const out: Row[] = [];
  for (let d = 0; d < inv.data.devices; d++) {
    const device = inv.data.device(d);
    if (device.platform !== 'Mac') continue;
    for (const app of inv.appsOf(d)) {
      const k = CVES.findIndex((c) => c[4] === app[1]);
      const cve = CVES[k];
      if (!cve || inv.h(d, 0x70 + k) % 3 !== 0) continue;
      const seen = prismTime(ms(device.last_check_in) - 86_400_000 * (inv.h(d, 0x71) % 30), 0)
        .replace('T', ' ')
        .replace('+00:00', '');
      out.push({
        blueprint_id: device.blueprint_id,
        blueprint_name: device.blueprint_name,
        bundle_id: app[1],
        cve_description: `${app[0]} before a fixed release is affected by ${cve[0]}.`,
        cve_id: cve[0],
        cve_link: `https://nvd.nist.gov/vuln/detail/${cve[0]}`,
        cvss_score: cve[1],
        cvss_severity: cve[2],
        device_id: device.device_id,
        device_model: device.model,
        device_name: device.device_name,
        device_os_version: device.os_version,
        device_serial_number: device.serial_number,
        first_detection_date: seen,
        latest_detection_date: seen,
        name: app[0],
        path: `/Applications/${app[0]}.app`,
        version: app[2],
      });
    }
  }
  return out;
}
