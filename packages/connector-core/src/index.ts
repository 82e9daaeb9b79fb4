/**
 * Shared transport, auth, retry, rate-limit, pagination, error and polling primitives for the
 * connector kit connectors.
 *
 * @packageDocumentation
 */
export { REDACTED, redact } from './redact/redact.js';
