import * as v from 'valibot';
import { ServerError, ValidationError } from '../errors/errors.js';
import type { CallMeta, Exchange, Failure } from './exchange.js';
import type { HttpResponse } from './options.js';
import { collectIssues } from './validate.js';

/**
 * Decodes a successful response: parses the JSON body (an empty body is `undefined`) and validates
 * it with `schema`. A body that is not JSON is a retryable failure (a proxy's page, a cut-off
 * body); a body of the wrong shape throws {@link ValidationError}, naming paths and kinds, never
 * values: the first few issues and how many there are, in memory that does not grow with them.
 */
export function decode<S extends v.GenericSchema>(
  ex: Exchange,
  schema: S,
  meta: CallMeta & { status: number; requestId: string | undefined },
): HttpResponse<v.InferOutput<S>> | Failure {
  const { text } = ex;
  let body: unknown;
  // Parsed first, trimmed only when that fails: trimming a large page on every call costs CPU.
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      if (text.trim() !== '') {
        const type = ex.headers.get('content-type') ?? 'no content type';
        return {
          error: new ServerError(
            `${meta.vendor} ${meta.endpoint} returned a body that is not JSON (${type})`,
            meta,
          ),
          reason: 'unparseable body',
        };
      }
    }
  }
  // Stops at the first issue: collecting every one of a page of a million bad items is gigabytes.
  const parsed = v.safeParse(schema, body, { abortEarly: true });
  if (parsed.success) return { data: parsed.output, status: ex.status, headers: ex.headers };
  const { issues, count } = collectIssues(schema, body);
  const first = issues[0];
  throw new ValidationError(
    `${meta.vendor} ${meta.endpoint} returned an unexpected shape at ${first?.path ?? '$'}: expected ${first?.expected}, received ${first?.received}${count > 1 ? ` (and ${count - 1} more)` : ''}`,
    { ...meta, issues, issueCount: count },
  );
}
