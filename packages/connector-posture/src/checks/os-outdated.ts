// One check per vendor for an OS or agent older than its baseline: the baselines are data with a
// date (src/baselines/versions.ts), and each finding names the baseline it was judged by.
import {
  AGENT_BASELINE,
  type AgentBaseline,
  comparableVersion,
  OS_BASELINE,
  type OsBaseline,
  osFamilyOf,
} from '../baselines/versions.js';
import { defineCheck, type Remediation, type ResourceRead } from '../model/check.js';
import { cis, compareVersions, iso, soc2 } from './helpers.js';

/** A vendor's "device OS older than the supported baseline" check. */
export function osOutdatedCheck(o: {
  id: string;
  vendor: string;
  reads: readonly ResourceRead[];
  remediation: Remediation;
}) {
  return defineCheck<OsBaseline>({
    id: o.id,
    title: 'Device OS older than the supported baseline',
    severity: 'medium',
    vendor: o.vendor,
    rationale:
      'An operating system past its vendor’s security support gets no fixes for vulnerabilities that are already public.',
    remediation: o.remediation,
    frameworks: [...cis('2.2', '7.3'), ...soc2('CC7.1'), ...iso('A.8.8')],
    reads: o.reads,
    defaults: OS_BASELINE,
    evaluate: ({ entities, options }) =>
      entities('device').flatMap((d) => {
        const family = osFamilyOf(d);
        const minimum = family ? options.minimum[family] : undefined;
        const version = d.osVersion;
        if (!family || !minimum || typeof version !== 'string') return [];
        if (compareVersions(comparableVersion(family, version), minimum) >= 0) return [];
        return [
          {
            entity: d._key,
            fields: { os: family, osVersion: version, minimum, baselineUpdated: options.updated },
            message: `${d.displayName} runs ${family} ${version}, older than the supported ${minimum}`,
          },
        ];
      }),
  });
}

/** A vendor's "agent older than the baseline" check, for devices that have its agent. */
export function agentOutdatedCheck(o: {
  id: string;
  vendor: string;
  agent: string;
  field: string;
  reads: readonly ResourceRead[];
  remediation: Remediation;
}) {
  return defineCheck<AgentBaseline>({
    id: o.id,
    title: `${o.agent} older than the baseline`,
    severity: 'low',
    vendor: o.vendor,
    rationale: `An old ${o.agent} misses fixes and the checks and settings newer releases enforce.`,
    remediation: o.remediation,
    frameworks: [...cis('2.2'), ...soc2('CC7.1'), ...iso('A.8.8', 'A.8.9')],
    reads: o.reads,
    defaults: AGENT_BASELINE,
    evaluate: ({ entities, options }) => {
      const minimum = options.minimum[o.vendor];
      if (!minimum) return [];
      return entities('device').flatMap((d) => {
        const version = d[o.field];
        if (typeof version !== 'string' || compareVersions(version, minimum) >= 0) return [];
        return [
          {
            entity: d._key,
            fields: { [o.field]: version, minimum, baselineUpdated: options.updated },
            message: `${d.displayName} runs ${o.agent} ${version}, older than ${minimum}`,
          },
        ];
      });
    },
  });
}
