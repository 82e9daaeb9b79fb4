// Opens the bundle's report.html in a real headless Chromium (the OS package; .ci/run installs it)
// and checks what a person sees: content, working evidence links, charts, no console errors and
// no request leaving the file. Saves a screenshot to .artifacts/ for people to look at.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PostureReport } from '@org/connector-posture';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvidence, createRequestLog, type EvidenceResult } from '../src/index.js';
import { connectorsOf, startTenant, type Tenant } from './sandboxes.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../.artifacts/', import.meta.url);

let tenant: Tenant;
let work: string;
let bundle: EvidenceResult;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does)`);
  }
  tenant = await startTenant();
  work = await mkdtemp(join(tmpdir(), 'evidence-report-'));
  const requests = createRequestLog();
  bundle = await collectEvidence(connectorsOf(tenant, requests), {
    out: join(work, 'bundle'),
    requests,
    posture: {
      checkOptions: { 'jumpcloud.system.stale': { days: 14 } },
      suppressions: [
        {
          id: 'kandji-loaners',
          check: 'kandji.device.*',
          reason: 'loaner Macs, wiped between users',
          approver: 'it-lead@acme.example',
          expires: '2030-06-30',
        },
        {
          id: 'old-exception',
          check: 'jumpcloud.user.*',
          reason: 'migration',
          expires: '2020-01-01',
        },
      ],
    },
    provenance: {
      operator: 'jane.auditor',
      host: 'ci-runner-7',
      tool: { name: 'connector-kit', version: '1.4.0' },
      command: 'connector-kit evidence --config posture.yaml --mutelist mutelist.yaml --out q4',
      options: { config: 'posture.yaml', mutelist: 'mutelist.yaml', pii: 'keep' },
      credentials: { jumpcloud: { kind: 'api key' }, kandji: { kind: 'api token' } },
    },
  });
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await context?.close();
  await tenant?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the HTML report in a headless browser', () => {
  it('shows connections, findings with evidence links, charts and tables without errors', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    const requested: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requested.push(r.url()));
    const url = pathToFileURL(join(bundle.directory, 'report.html')).href;
    await page.goto(url);

    await expect(page.locator('h1').textContent()).resolves.toBe('Evidence report');
    const summary = page.locator('#summary tbody tr');
    await expect(summary.count()).resolves.toBe(3);
    await expect(summary.nth(2).locator('td').nth(0).textContent()).resolves.toBe('jumpcloud');
    await expect(summary.nth(2).locator('td').nth(2).textContent()).resolves.toContain(
      tenant.jumpcloud.credentials.orgId,
    );

    const findings = bundle.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    for (const severity of new Set(findings.map((f) => f.severity))) {
      const heading = page.locator(`#severity-${severity}`);
      await expect(heading.textContent()).resolves.toContain(
        String(findings.filter((f) => f.severity === severity).length),
      );
    }
    // Following a finding's evidence link lands on that entity's row (users, devices and
    // policies have rows; other subjects link to their records file).
    const link = page.locator('h3[id^="severity-"] + table a[href^="#"]').first();
    const name = await link.textContent();
    expect(name).toBeTruthy();
    await link.click();
    expect(new URL(page.url()).hash).toMatch(/^#e-/);
    const target = page.locator(':target');
    await expect(target.count()).resolves.toBe(1);
    await expect(target.locator('td').nth(1).textContent()).resolves.toBe(name);

    for (const chart of ['#chart-mfa', '#chart-fde', '#chart-os', '#chart-stale']) {
      await expect(page.locator(`${chart} svg rect`).count()).resolves.toBeGreaterThan(0);
    }
    const people = [...bundle.snapshot.entities.values()].filter(
      (e) => e._kind === 'user' || e._kind === 'administrator',
    );
    await expect(page.locator('#users + table tbody tr').count()).resolves.toBe(people.length);
    const devices = [...bundle.snapshot.entities.values()].filter((e) => e._kind === 'device');
    await expect(page.locator('#devices + table tbody tr').count()).resolves.toBe(devices.length);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('report.png', ARTIFACTS).pathname, fullPage: true });
    expect(problems).toEqual([]);
    expect(requested.every((u) => u.startsWith('file://'))).toBe(true);
  });

  it('gives an auditor who, how, scope, framework and control status, and every check by outcome', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(pathToFileURL(join(bundle.directory, 'report.html')).href);
    const about = page.locator('#about');
    const fact = (label: string) =>
      about.locator(`tr:has(th:text-is("${label}")) td`).textContent();
    await expect(fact('tool')).resolves.toBe('connector-kit 1.4.0');
    await expect(fact('operator')).resolves.toBe('jane.auditor');
    await expect(fact('host')).resolves.toBe('ci-runner-7');
    await expect(fact('command line')).resolves.toContain('--mutelist mutelist.yaml');
    await expect(fact('scope')).resolves.toBe('hexnode, kandji, jumpcloud');
    // Each connection's credential kind and collection times.
    const collection = page.locator('#collection tbody tr');
    await expect(collection.count()).resolves.toBe(3);
    await expect(collection.nth(2).locator('td').nth(1).textContent()).resolves.toBe(
      'kind: api key',
    );
    await expect(collection.nth(2).locator('td').nth(4).textContent()).resolves.toBe('complete');

    const report = bundle.posture as PostureReport;
    // Every framework with its status and score, every control in its table.
    for (const [framework, score] of Object.entries(report.scores.frameworks)) {
      const id = `framework-${framework.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      await expect(page.locator(`#${id} .score`).textContent()).resolves.toBe(`${score.score}%`);
      await expect(page.locator(`#${id}-controls tbody tr`).count()).resolves.toBe(
        Object.keys(score.controls).length,
      );
    }
    await expect(page.locator('#overall .score').textContent()).resolves.toBe(
      `${report.scores.overall.score}%`,
    );
    // Passed, failed, suppressed (with reason and approver) and not-evaluated checks.
    const count = (id: string) => page.locator(`#${id} tbody tr`).count();
    await expect(count('failed-checks')).resolves.toBe(
      report.results.filter((r) => r.status === 'fail').length,
    );
    await expect(count('passed-checks')).resolves.toBe(
      report.results.filter((r) => r.status === 'pass').length,
    );
    await expect(count('suppressed-findings')).resolves.toBe(report.suppressed.length);
    expect(report.suppressed.length).toBeGreaterThan(0);
    const suppressed = page.locator('#suppressed-findings tbody tr').first().locator('td');
    await expect(suppressed.nth(3).textContent()).resolves.toBe('loaner Macs, wiped between users');
    await expect(suppressed.nth(4).textContent()).resolves.toBe('it-lead@acme.example');
    await expect(suppressed.nth(5).textContent()).resolves.toBe('2030-06-30');
    await expect(count('not-evaluated-checks')).resolves.toBe(report.notEvaluated.length);
    // The thresholds used, the one set for this run marked so; the lapsed mutelist entry.
    const stale = page.locator('#thresholds-table tr:has(code:text-is("jumpcloud.system.stale"))');
    await expect(stale.locator('td').nth(2).textContent()).resolves.toBe('set for this run: days');
    await expect(page.locator('#mutelist-expired tbody tr').count()).resolves.toBe(1);

    await about.screenshot({ path: new URL('report-about.png', ARTIFACTS).pathname });
    await page.locator('#compliance').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: new URL('report-compliance.png', ARTIFACTS).pathname });
    await page.locator('#checks-suppressed').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: new URL('report-checks.png', ARTIFACTS).pathname });
    await page.locator('#thresholds').evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: new URL('report-thresholds.png', ARTIFACTS).pathname });
  });

  it('is one file: no script, no stylesheet or image from elsewhere', async () => {
    const html = await readFile(join(bundle.directory, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/i);
    expect(html).toContain("default-src 'none'");
  });
});
