// A small posture hook for the tests, so the bundle's findings section is exercised without
// @org/connector-posture: JumpCloud users without MFA (high) and devices without disk
// encryption (critical), judged from the graph's own fields.
import type { GraphSnapshot } from '@org/connector-graph';
import type { EvidenceFinding, PostureInput } from '../src/index.js';

export function samplePosture(snapshot: GraphSnapshot): PostureInput {
  const findings: EvidenceFinding[] = [];
  for (const e of snapshot.entities.values()) {
    const connection = e._source.split('/')[0];
    if (e._kind === 'user' && e['mfa.configured'] === false) {
      findings.push({
        id: `jumpcloud.user.mfa_not_configured:${e._key}`,
        checkId: 'jumpcloud.user.mfa_not_configured',
        title: 'User without MFA',
        severity: 'high',
        connection,
        message: `${e.displayName} (${String(e.email)}) has no MFA configured.`,
        evidence: { entities: [e._key] },
        remediation: { text: 'Require MFA for the user.' },
      });
    }
    if (e._kind === 'device' && e['fde.active'] === false) {
      findings.push({
        id: `jumpcloud.device.fde_off:${e._key}`,
        checkId: 'jumpcloud.device.fde_off',
        title: 'Disk not encrypted',
        severity: 'critical',
        connection,
        message: `${e.displayName} has no full-disk encryption.`,
        evidence: { entities: [e._key] },
      });
    }
  }
  return { findings, notEvaluated: [] };
}
