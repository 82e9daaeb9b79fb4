import { appendFileSync } from 'node:fs';
import { metrics, trace } from '@opentelemetry/api';
import {
  AggregationTemporality,
  ConsoleMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type ReadableSpan,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { createTelemetry, type Telemetry } from '@org/connector-core/otel';
import type { ConnectionSpec } from './fleet-config.ts';

const SUCCESS = { code: 0 };

/** Spans and metric points as JSON Lines in a file: for a look at what a worker exports, and tests. */
function fileExporters(path: string): { spans: SpanExporter; metrics: PushMetricExporter } {
  const write = (record: object) => appendFileSync(path, `${JSON.stringify(record)}\n`);
  return {
    spans: {
      export(spans: ReadableSpan[], done) {
        for (const s of spans)
          write({ span: s.name, attributes: s.attributes, status: s.status.code });
        done(SUCCESS);
      },
      shutdown: async () => undefined,
    },
    metrics: {
      export(batch: ResourceMetrics, done) {
        for (const scope of batch.scopeMetrics) {
          for (const m of scope.metrics) {
            for (const p of m.dataPoints)
              write({ metric: m.descriptor.name, attributes: p.attributes, value: p.value });
          }
        }
        done(SUCCESS);
      },
      forceFlush: async () => undefined,
      shutdown: async () => undefined,
      selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
    },
  };
}

/**
 * Registers an OpenTelemetry SDK for this worker when `OTEL_EXPORT` says where to: `console`, or
 * the path of a JSON Lines file. Hosts that register their own SDK (OTLP to a collector, with
 * `node --import`) leave it unset: the connectors and pollers use the global API either way.
 * Returns the shutdown that flushes what is left.
 */
export function startTelemetry(target = process.env.OTEL_EXPORT): () => Promise<void> {
  if (!target) return async () => undefined;
  const exporters =
    target === 'console'
      ? { spans: new ConsoleSpanExporter(), metrics: new ConsoleMetricExporter() }
      : fileExporters(target);
  const tracing = new BasicTracerProvider({
    spanProcessors: [
      new BatchSpanProcessor(exporters.spans, {
        scheduledDelayMillis: Number(process.env.OTEL_BSP_SCHEDULE_DELAY ?? 5_000),
      }),
    ],
  });
  const reader = new PeriodicExportingMetricReader({
    exporter: exporters.metrics,
    exportIntervalMillis: Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 10_000),
  });
  const meters = new MeterProvider({ readers: [reader] });
  trace.setGlobalTracerProvider(tracing);
  metrics.setGlobalMeterProvider(meters);
  return async () => {
    await tracing.shutdown();
    await meters.shutdown();
  };
}

/** One {@link Telemetry} per connection, kept for the worker's life. */
export function telemetryPerConnection(): (spec: ConnectionSpec) => Telemetry {
  const cache = new Map<string, Telemetry>();
  return (spec) => {
    let t = cache.get(spec.name);
    if (!t) {
      t = createTelemetry({ connection: spec.name, vendor: 'hexnode' });
      cache.set(spec.name, t);
    }
    return t;
  };
}
