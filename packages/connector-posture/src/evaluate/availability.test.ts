import type { GraphEntity, GraphSnapshot, ResourceStatus } from '@org/connector-graph';
import { describe, expect, it } from 'vitest';
import { defineCheck } from '../model/check.js';
import { runPosture } from './run-posture.js';

const status = (resource: string, complete = true): ResourceStatus => ({
  source: `k/${resource}`,
  connection: 'k',
  resource,
  complete,
  entities: 1,
  relationships: 0,
  ...(complete ? {} : { error: { code: 'rate_limit', message: 'quota spent' } }),
});

const device = (id: string, fields: Record<string, string | boolean>): GraphEntity => ({
  _key: `k:device:${id}`,
  _type: 'kandji_device',
  _class: ['Device'],
  _kind: 'device',
  _source: 'k/devices',
  displayName: id,
  ...fields,
});

function snapshot(resources: ResourceStatus[], devices: GraphEntity[]): GraphSnapshot {
  return {
    takenAt: new Date('2026-06-01T00:00:00Z'),
    connections: [{ name: 'k', vendor: 'kandji', accountKey: 'k:account:t' }],
    entities: new Map(devices.map((d) => [d._key, d])),
    relationships: new Map(),
    resources,
    complete: resources.every((r) => r.complete),
  };
}

const locked = defineCheck({
  id: 'test.device.locked',
  title: 'Locked',
  severity: 'low',
  vendor: 'kandji',
  rationale: 'r',
  remediation: { text: 't', console: 'c' },
  frameworks: [],
  reads: [{ resource: 'devices', kind: 'device', fields: ['locked'], missingReason: 'not read' }],
  evaluate: ({ entities }) =>
    entities('device')
      .filter((d) => d.locked === true)
      .map((d) => ({ entity: d._key, fields: { locked: true }, message: 'locked' })),
});

describe('what blocks a check', () => {
  it('evaluates when the resource is complete and the field is there', () => {
    const r = runPosture(
      snapshot(
        [status('devices')],
        [device('a', { locked: true }), device('b', { locked: false })],
      ),
      {
        checks: [locked],
      },
    );
    expect(r.findings.map((f) => f.id)).toEqual(['test.device.locked:k:device:a']);
    expect(r.results).toEqual([
      { checkId: locked.id, connection: 'k', status: 'fail', findings: 1, suppressed: 0 },
    ]);
  });

  it('a resource not read, read in part, or a field no entity carries is "not evaluated", never a pass', () => {
    const cases: Array<[ResourceStatus[], GraphEntity[], string, string]> = [
      [[], [], 'not_collected', 'k: devices was not read'],
      [
        [status('devices', false)],
        [],
        'incomplete',
        'k/devices is incomplete (rate_limit: quota spent)',
      ],
      [
        [status('devices')],
        [device('a', { other: true })],
        'field_unavailable',
        'no device of k carries locked: not read',
      ],
    ];
    for (const [resources, devices, code, reason] of cases) {
      const r = runPosture(snapshot(resources, devices), { checks: [locked] });
      expect(r.notEvaluated).toEqual([{ checkId: locked.id, connection: 'k', code, reason }]);
      expect(r.results[0]?.status).toBe('not_evaluated');
      expect(r.scores.overall).toEqual({ passed: 0, failed: 0, notEvaluated: 1, score: null });
    }
  });
});
