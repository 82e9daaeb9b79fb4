import type { ConnectorErrorOptions } from '../errors/connector-error.js';
import { ServerError } from '../errors/errors.js';

/**
 * A response body was larger than the client's `maxResponseBytes`. The read stopped as soon as the
 * body passed the cap, so memory stayed bounded; the same call would return the same body, so it is
 * not retried.
 */
export class ResponseTooLargeError extends ServerError {
  /** The cap the body passed, in bytes. */
  readonly maxBytes: number;

  constructor(message: string, options: ConnectorErrorOptions & { maxBytes: number }) {
    super(message, { ...options, retryable: false });
    this.maxBytes = options.maxBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxBytes: this.maxBytes };
  }
}
