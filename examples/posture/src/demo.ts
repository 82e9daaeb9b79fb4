// The posture demo: a sandbox of each vendor for one company in a posture scenario, the graph, the checks,
// findings by severity, then a fix in the directory and the diff of the next run.
import { collect, createHexnodeAdapter, createKandjiAdapter } from '@org/connector-graph';
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { createOktaConnector } from '@org/connector-okta';
import {
  diffFindings,
  type FindingsDiff,
  type PostureReport,
  runPosture,
} from '@org/connector-posture';
import { type SandboxScenario, startSandbox } from '@org/connector-sandbox';
import { formatReport } from './format.ts';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  scenario: SandboxScenario;
  seed: number;
  log: (line: string) => void;
}

/** What the demo found: the first report, the one after the fix and their diff. */
export interface DemoResult {
  before: PostureReport;
  after: PostureReport;
  diff: FindingsDiff;
}

export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const common = {
    seed: o.seed,
    emailDomain: 'acme.example',
    limits: false as const,
    scenario: o.scenario,
  };
  const [hexnode, kandji, jumpcloud, okta] = await Promise.all([
    startSandbox({ vendor: 'hexnode', ...common }),
    startSandbox({ vendor: 'kandji', ...common }),
    startSandbox({ vendor: 'jumpcloud', ...common }),
    startSandbox({ vendor: 'okta', ...common }),
  ]);
  try {
    const connections = [
      createHexnodeConnector({
        apiKey: hexnode.credentials.apiKey,
        portal: hexnode.credentials.portal,
        baseUrl: hexnode.credentials.baseUrl,
        name: 'hexnode',
      }),
      createKandjiConnector({
        apiToken: kandji.credentials.apiToken,
        baseUrl: kandji.credentials.baseUrl,
        name: 'kandji',
      }),
      createJumpCloudConnector({
        apiKey: jumpcloud.credentials.apiKey,
        orgId: jumpcloud.credentials.orgId,
        baseUrl: jumpcloud.credentials.baseUrl,
        name: 'jumpcloud',
        // Last sign-ins from Directory Insights, for the dormant-account check.
        accounts: { lastLogin: { lookbackDays: 90 } },
      }),
      createOktaConnector({ ...okta.credentials, name: 'okta' }),
    ];
    // Per-device details (Kandji supervision, Hexnode encryption and passcode): one request per
    // device, so only up to a budget, and only because the host asks for them.
    const graph = {
      adapters: {
        kandji: createKandjiAdapter({ deviceDetails: { maxDevices: 50 } }),
        hexnode: createHexnodeAdapter({ deviceDetails: { maxDevices: 50 } }),
      },
    };
    const first = await collect(connections, graph);
    const before = runPosture(first);
    for (const line of formatReport(before)) o.log(line);

    // IT fixes the MFA findings: every active user without MFA enrols.
    const unenrolled = before.findings.filter(
      (f) => f.checkId === 'jumpcloud.user.mfa_not_enrolled',
    );
    for (const f of unenrolled) {
      const id = f.evidence.entities[0]?.split(':')[2];
      if (id === undefined) continue;
      jumpcloud.control.updateUser(id, {
        mfa: { configured: true, exclusion: false },
        mfaEnrollment: { overallStatus: 'ENROLLED', totpStatus: 'ENROLLED' },
      });
    }
    // With the last graph the cost estimate is exact (six detail calls, not the budget of 50):
    // Hexnode's daily quota of ten calls per device holds both runs.
    const after = runPosture(await collect(connections, { ...graph, previous: first }));
    const diff = diffFindings(before, after);
    o.log(`AFTER ENROLLING ${unenrolled.length} USER(S) IN MFA`);
    o.log(
      `  new: ${diff.new.length}, resolved: ${diff.resolved.length}, still open: ${diff.stillOpen.length}`,
    );
    for (const f of diff.resolved) o.log(`  resolved: ${f.checkId}  ${f.message}`);
    return { before, after, diff };
  } finally {
    await Promise.all([hexnode.close(), kandji.close(), jumpcloud.close(), okta.close()]);
  }
}
