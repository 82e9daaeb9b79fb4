import {
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
  metrics,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ConnectorEvent } from '../http/events.js';
import type { PollerEvent } from '../sync/events.js';

/** Options of {@link createTelemetry}. */
export interface TelemetryOptions {
  /** The connection's name, an attribute of everything recorded (`connector.connection`). */
  connection: string;
  /** The vendor (`connector.vendor`); connector events carry it too. */
  vendor: string;
  /** Where spans go (default: the global tracer provider's `@org/connector-core` tracer). */
  tracer?: Tracer | undefined;
  /** Where metrics go (default: the global meter provider's `@org/connector-core` meter). */
  meter?: Meter | undefined;
}

/** Event handlers that turn one connection's events into OpenTelemetry spans and metrics. */
export interface Telemetry {
  /** Give it to the connector's `onEvent`: a span per request, request, 429, wait and page metrics. */
  onConnectorEvent(event: ConnectorEvent): void;
  /** Give it to the poller's `onEvent`: a span per sync and run outcomes. */
  onPollerEvent(event: PollerEvent): void;
}

/** Instruments shared by every connection of one meter. */
interface Instruments {
  requests: Counter;
  throttled: Counter;
  waits: Histogram;
  pages: Counter;
  items: Counter;
  runs: Counter;
  runDuration: Histogram;
}
const instrumentsOf = new WeakMap<Meter, Instruments>();

function instruments(meter: Meter): Instruments {
  let found = instrumentsOf.get(meter);
  if (!found) {
    found = {
      requests: meter.createCounter('connector.requests', {
        description: 'HTTP requests answered by the vendor, by status',
      }),
      throttled: meter.createCounter('connector.throttled', {
        description: 'Requests the vendor answered 429 (too many requests)',
      }),
      waits: meter.createHistogram('connector.rate_limit.wait', {
        description: 'Time a request waited for its rate budget',
        unit: 'ms',
      }),
      pages: meter.createCounter('connector.pages', { description: 'List pages read' }),
      items: meter.createCounter('connector.items', { description: 'Items read from list pages' }),
      runs: meter.createCounter('connector.sync.runs', {
        description: 'Poller runs, by outcome (committed, failed) and kind',
      }),
      runDuration: meter.createHistogram('connector.sync.duration', {
        description: 'Duration of poller runs',
        unit: 'ms',
      }),
    };
    instrumentsOf.set(meter, found);
  }
  return found;
}

// Path segments that are object ids (numbers, UUIDs, long hex): replaced, so spans name routes, not
// records, and carry no id of a person.
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{20,})$/i;

/** `GET /api/v1/users/42/` → `GET /api/v1/users/{id}/`. */
export function routeOf(endpoint: string): string {
  return endpoint
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
}

/**
 * OpenTelemetry for one connection: a span per HTTP request (with its status, attempt and wait)
 * and per sync run (kind, accounts, changes, outcome), and metrics per vendor and connection:
 * `connector.requests` (by status), `connector.throttled` (429s), `connector.rate_limit.wait`,
 * `connector.pages`, `connector.items`, `connector.sync.runs` (by outcome and kind) and
 * `connector.sync.duration`.
 *
 * What is recorded never holds a secret or personal data: routes with ids replaced (`{id}`), no
 * query strings, headers, bodies, emails or names; errors by their code only. `@opentelemetry/api`
 * is an optional peer dependency: only this entry point (`@org/connector-core/otel`) loads it.
 *
 * @example
 * ```ts
 * const telemetry = createTelemetry({ connection: 'acme', vendor: 'hexnode' });
 * const connector = createHexnodeConnector({ ...config, onEvent: telemetry.onConnectorEvent });
 * const poller = createPoller({ connector, store, intervalMs, onEvent: telemetry.onPollerEvent });
 * ```
 */
export function createTelemetry(o: TelemetryOptions): Telemetry {
  const tracer = o.tracer ?? trace.getTracer('@org/connector-core');
  const meter = o.meter ?? metrics.getMeter('@org/connector-core');
  const m = instruments(meter);
  const base: Attributes = { 'connector.vendor': o.vendor, 'connector.connection': o.connection };
  const runs = new Map<number, { span: Span; startedAt: number }>();

  return {
    onConnectorEvent(event) {
      const attrs = { ...base, 'connector.vendor': event.vendor };
      switch (event.type) {
        case 'response': {
          const route = routeOf(event.endpoint);
          const end = Date.now();
          const span = tracer.startSpan(`${event.method} ${route.replace(/^\S+ /, '')}`, {
            kind: SpanKind.CLIENT,
            startTime: end - event.durationMs,
            attributes: {
              ...attrs,
              'http.request.method': event.method,
              'http.route': route,
              'http.response.status_code': event.status,
              'connector.attempt': event.attempt,
            },
          });
          if (event.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end(end);
          m.requests.add(1, { ...attrs, 'http.response.status_code': event.status });
          if (event.status === 429) m.throttled.add(1, attrs);
          return;
        }
        case 'rate-limited':
          m.waits.record(event.waitMs, { ...attrs, 'connector.wait.source': event.source });
          return;
        case 'page':
          m.pages.add(1, attrs);
          m.items.add(event.items, attrs);
          return;
        default:
          return;
      }
    },
    onPollerEvent(event) {
      switch (event.type) {
        case 'run-started': {
          const span = tracer.startSpan('connector.sync', {
            startTime: event.at,
            attributes: { ...base, 'connector.run': event.run },
          });
          runs.set(event.run, { span, startedAt: event.at.getTime() });
          return;
        }
        case 'run-completed': {
          const { changeSet } = event;
          const run = runs.get(event.run);
          runs.delete(event.run);
          const outcome = {
            ...base,
            'connector.sync.outcome': 'committed',
            'connector.sync.kind': changeSet.kind,
          };
          m.runs.add(1, outcome);
          if (!run) return;
          m.runDuration.record(changeSet.finishedAt.getTime() - run.startedAt, outcome);
          run.span.setAttributes({
            'connector.sync.kind': changeSet.kind,
            'connector.sync.accounts': changeSet.total,
            'connector.sync.added': changeSet.added.length,
            'connector.sync.changed': changeSet.changed.length,
            'connector.sync.removed': changeSet.removed.length,
            'connector.sync.skipped': changeSet.skipped,
          });
          run.span.end(changeSet.finishedAt);
          return;
        }
        case 'run-failed': {
          const run = runs.get(event.run);
          runs.delete(event.run);
          const code = (event.error as { code?: unknown } | null)?.code;
          const failure = {
            ...base,
            'connector.sync.outcome': 'failed',
            'error.type': typeof code === 'string' ? code : 'unexpected',
          };
          m.runs.add(1, failure);
          if (!run) return;
          m.runDuration.record(Date.now() - run.startedAt, failure);
          // The code only: a message may name an item or a path.
          run.span.setAttributes({
            'error.type': failure['error.type'],
            ...(event.userAction ? { 'connector.user_action': event.userAction } : {}),
          });
          run.span.setStatus({ code: SpanStatusCode.ERROR, message: failure['error.type'] });
          run.span.end();
          return;
        }
        case 'baseline-lost':
          runs.get(event.run)?.span.addEvent('baseline-lost');
          return;
        case 'resumed':
          runs.get(event.run)?.span.addEvent('resumed', { 'connector.sync.accounts': event.seen });
          return;
        default:
          return;
      }
    },
  };
}
