import { ConnectorError, StoreError } from '@org/connector-core';

/**
 * Turns a Redis client failure into a `StoreError` naming the operation and key. The client's
 * options (which may hold a password) are never part of the message: only the server's reply or
 * the socket error is.
 */
export function storeError(operation: string, key: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError(`Redis ${operation} failed for ${key}: ${reason}`, {
    location: key,
    retryable: true,
  });
}
