/**
 * OpenTelemetry for connector kit: spans per request and per sync, and metrics per vendor and
 * connection, from the events connectors and pollers already send. Needs `@opentelemetry/api`
 * (an optional peer dependency, loaded only by this entry point) and whatever SDK the host
 * registers.
 *
 * @packageDocumentation
 */
export {
  createTelemetry,
  routeOf,
  type Telemetry,
  type TelemetryOptions,
} from './otel/telemetry.js';
