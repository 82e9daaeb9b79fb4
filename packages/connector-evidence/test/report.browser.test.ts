// Opens the bundle's report.html in a real headless Chromium (the OS package; .ci/run installs it)
// and checks what a person sees: content, working evidence links, charts, no console errors and
// no request leaving the file. Saves a screenshot to .artifacts/ for people to look at.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('is one file: no script, no stylesheet or image from elsewhere', async () => {
    const html = await readFile(join(bundle.directory, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/i);
    expect(html).toContain("default-src 'none'");
  });
});
