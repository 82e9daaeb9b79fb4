// The graph of a sandbox tenant against JupiterOne's data model (`@jupiterone/data-model`, with
// ajv): every entity type validates against the schemas of its classes, every relationship
// against `#GraphObject` with a `_class` of the data model's RelationshipClass and the `_type`
// JupiterOne's rule gives. Every resource is read, the opt-in ones too (per-device details,
// Directory Insights sign-ins), so every type the graph can emit is checked.
// `DATA_MODEL_REPORT=1` prints the failures per type and the coverage of JupiterOne's own graph
// of the three vendors (`test/data-model/coverage.ts`).
import { createHexnodeConnector } from '@org/connector-hexnode';
import { createJumpCloudConnector } from '@org/connector-jumpcloud';
import { createKandjiConnector } from '@org/connector-kandji';
import { createOktaConnector } from '@org/connector-okta';
import { type Sandboxes, startSandboxes } from '@org/connector-sandbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  createHexnodeAdapter,
  createKandjiAdapter,
  ENTITY_KINDS,
  type GraphSnapshot,
  relationshipType,
} from '../src/index.js';
import { coverageOf, coverageTable } from './data-model/coverage.js';
import { failuresByType } from './data-model/validate.js';

let tenant: Sandboxes;
let snapshot: GraphSnapshot;

beforeAll(async () => {
  tenant = await startSandboxes({
    seed: 11,
    size: {
      hexnode: { users: 5, groups: 2, devices: 6 },
      kandji: { users: 4, devices: 8 },
      jumpcloud: { users: 6, groups: 2, devices: 6, policies: 2, apps: 2, admins: 2, events: 60 },
      // Two people more than JumpCloud: known to Okta and no other directory.
      okta: { users: 8, groups: 2 },
    },
  });
  const { hexnode, kandji, jumpcloud, okta } = tenant;
  snapshot = await collect(
    [
      createHexnodeConnector({
        ...hexnode.credentials,
        name: 'hexnode',
        limits: { perMinute: { limit: 10_000 }, perDay: { limit: 1_000_000 } },
      }),
      createKandjiConnector({ ...kandji.credentials, name: 'kandji' }),
      createJumpCloudConnector({
        apiKey: jumpcloud.credentials.apiKey,
        orgId: jumpcloud.credentials.orgId,
        baseUrl: jumpcloud.credentials.baseUrl,
        name: 'jumpcloud',
        accounts: { lastLogin: { lookbackDays: 30 } },
      }),
      createOktaConnector({ ...okta.credentials, name: 'okta' }),
    ],
    {
      adapters: {
        hexnode: createHexnodeAdapter({ deviceDetails: { maxDevices: 10 } }),
        kandji: createKandjiAdapter({ deviceDetails: { maxDevices: 10 } }),
      },
    },
  );
});
afterAll(() => tenant?.close());

describe("JupiterOne's data model", () => {
  it('reads every resource, the opt-in ones too, and emits every kind of entity', () => {
    expect(snapshot.resources.filter((r) => !r.complete)).toEqual([]);
    const kinds = new Set([...snapshot.entities.values()].map((e) => e._kind));
    expect([...ENTITY_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('validates every entity and relationship type the graph emits', () => {
    const rows = failuresByType(snapshot);
    if (process.env.DATA_MODEL_REPORT) {
      for (const [type, r] of rows) {
        console.info(`${type}: ${r.failing}/${r.objects} failing ${r.sample.join(' ; ')}`);
      }
      console.info(coverageTable(coverageOf(snapshot)));
      console.info(JSON.stringify(coverageOf(snapshot).missing, null, 1));
    }
    expect(rows.size).toBeGreaterThan(50);
    const failing = [...rows].filter(([, r]) => r.failing > 0).map(([t, r]) => [t, r.sample]);
    expect(failing).toEqual([]);
  });

  it('joins Okta users into persons, Okta counting as a directory', () => {
    const persons = [...snapshot.relationships.values()]
      .filter((r) => r._type === 'person_is_okta_user')
      .map((r) => snapshot.entities.get(r._fromEntityKey));
    expect(persons).toHaveLength(8);
    const onlyOkta = persons.filter((p) => JSON.stringify(p?.vendors) === '["okta"]');
    expect(onlyOkta.length).toBeGreaterThan(0);
    for (const p of persons) expect(p?.directory, p?._key).toBe(true);
  });

  it("names relationships by JupiterOne's rule", () => {
    for (const r of snapshot.relationships.values()) {
      const from = snapshot.entities.get(r._fromEntityKey)?._type;
      const to = snapshot.entities.get(r._toEntityKey)?._type;
      expect(from && to && relationshipType(r._class, from, to), r._key).toBe(r._type);
    }
  });

  it("covers JupiterOne's own graph of the three vendors", () => {
    const c = coverageOf(snapshot);
    expect(c.entityTypes).toEqual({ covered: 17, of: 17 });
    expect(c.relationshipEndpoints.covered).toBe(c.relationshipEndpoints.of);
    // The rest: fields the sandbox leaves empty and ones the connectors do not read (network,
    // volumes, processors); see the README's coverage table.
    expect(c.properties.covered / c.properties.of).toBeGreaterThan(0.75);
    expect(c.validEntityTypes.covered).toBe(c.validEntityTypes.of);
  });
});
