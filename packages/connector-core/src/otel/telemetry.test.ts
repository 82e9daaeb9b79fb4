import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/errors.js';
import { createMemoryStateStore } from '../sync/memory-store.js';
import { createPoller } from '../sync/poller.js';
import { createFakeConnector, makeUsers } from '../testing/fake-connector.js';
import { createTelemetry, routeOf } from './telemetry.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function sdk() {
  const spans = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spans)],
  }).getTracer('t');
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const meter = new MeterProvider({ readers: [reader] }).getMeter('m');
  const collect = async () => {
    await reader.forceFlush();
    const points = new Map<
      string,
      Array<{ attributes: Record<string, unknown>; value: unknown }>
    >();
    for (const rm of exporter.getMetrics()) {
      for (const sm of rm.scopeMetrics) {
        for (const metric of sm.metrics) {
          points.set(
            metric.descriptor.name,
            metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
          );
        }
      }
    }
    return points;
  };
  return { spans, tracer, meter, collect };
}

describe('routeOf', () => {
  it('names routes, not records', () => {
    expect(routeOf('GET /api/v1/users/42/')).toBe('GET /api/v1/users/{id}/');
    expect(routeOf('GET /api/v1/users/5b0a1c2d-1111-2222-3333-444455556666')).toBe(
      'GET /api/v1/users/{id}',
    );
    expect(routeOf('GET /api/v1/users/')).toBe('GET /api/v1/users/');
  });
});

describe('createTelemetry', () => {
  it('a span per request and metrics per vendor and connection, with no secret or personal data', async () => {
    const { spans, tracer, meter, collect } = sdk();
    const telemetry = createTelemetry({ connection: 'acme', vendor: 'fake', tracer, meter });
    const e = telemetry.onConnectorEvent;
    e({
      type: 'response',
      vendor: 'fake',
      endpoint: 'GET /v1/users/42',
      method: 'GET',
      status: 200,
      durationMs: 30,
      attempt: 1,
    });
    e({
      type: 'response',
      vendor: 'fake',
      endpoint: 'GET /v1/users',
      method: 'GET',
      status: 429,
      durationMs: 5,
      attempt: 1,
    });
    e({
      type: 'rate-limited',
      vendor: 'fake',
      endpoint: 'GET /v1/users',
      waitMs: 1_500,
      source: 'server',
    });
    e({
      type: 'page',
      vendor: 'fake',
      endpoint: 'GET /v1/users',
      page: 0,
      items: 100,
      durationMs: 30,
    });
    const finished = spans.getFinishedSpans();
    expect(finished.map((s) => s.name)).toEqual(['GET /v1/users/{id}', 'GET /v1/users']);
    expect(finished[0]?.attributes).toEqual({
      'connector.vendor': 'fake',
      'connector.connection': 'acme',
      'http.request.method': 'GET',
      'http.route': 'GET /v1/users/{id}',
      'http.response.status_code': 200,
      'connector.attempt': 1,
    });
    expect(finished[1]?.status.code).toBe(2); // ERROR
    const points = await collect();
    const total = (name: string) =>
      (points.get(name) ?? []).reduce((n, p) => n + (typeof p.value === 'number' ? p.value : 0), 0);
    expect(total('connector.requests')).toBe(2);
    expect(total('connector.throttled')).toBe(1);
    expect(total('connector.pages')).toBe(1);
    expect(total('connector.items')).toBe(100);
    expect(points.get('connector.rate_limit.wait')?.[0]?.attributes).toMatchObject({
      'connector.connection': 'acme',
      'connector.wait.source': 'server',
    });
  });

  it('a span per sync with its outcome; a failure named by its code only', async () => {
    const { spans, tracer, meter, collect } = sdk();
    const telemetry = createTelemetry({ connection: 'acme', vendor: 'fake', tracer, meter });
    const connector = createFakeConnector({ name: 'acme', users: makeUsers(3) });
    const poller = createPoller({
      connector,
      store: createMemoryStateStore(),
      intervalMs: 60_000,
      onEvent: telemetry.onPollerEvent,
    });
    await poller.runOnce();
    connector.failNextRun(1, new AuthenticationError('key s3cret-ish of admin@acme.test revoked'));
    await poller.runOnce().catch(() => undefined);
    const [ok, failed] = spans.getFinishedSpans();
    expect(ok?.name).toBe('connector.sync');
    expect(ok?.attributes).toMatchObject({
      'connector.sync.kind': 'baseline',
      'connector.sync.accounts': 3,
    });
    expect(failed?.attributes).toMatchObject({
      'error.type': 'authentication',
      'connector.user_action': 'reconnect',
    });
    expect(
      JSON.stringify(spans.getFinishedSpans().map((s) => [s.attributes, s.status, s.events])),
    ).not.toMatch(/s3cret|admin@acme/);
    const runs = (await collect()).get('connector.sync.runs') ?? [];
    expect(runs.map((p) => p.attributes['connector.sync.outcome']).sort()).toEqual([
      'committed',
      'failed',
    ]);
  });

  it('uses the global providers when given none (no-ops until the host registers an SDK)', () => {
    expect(() =>
      createTelemetry({ connection: 'acme', vendor: 'fake' }).onConnectorEvent({
        type: 'page',
        vendor: 'fake',
        endpoint: 'GET /x',
        page: 0,
        items: 1,
        durationMs: 1,
      }),
    ).not.toThrow();
    expect(metrics.getMeter('x')).toBeDefined();
  });
});
