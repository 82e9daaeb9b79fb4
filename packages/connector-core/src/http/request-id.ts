import { redact } from '../redact/redact.js';

/** Response headers vendors and their gateways put a request id in, most specific first. */
const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-amzn-requestid',
  'x-amz-request-id',
  'x-correlation-id',
  'x-kong-request-id',
  'x-trace-id',
  'cf-ray',
];

/**
 * The vendor's request id from response headers, when it sent one. Secrets are scrubbed before it
 * is shortened: a secret cut in half would no longer be recognised by later redaction.
 */
export function requestIdOf(headers: Headers, secrets: readonly string[] = []): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return redact(value, secrets).slice(0, 200);
  }
  return undefined;
}
