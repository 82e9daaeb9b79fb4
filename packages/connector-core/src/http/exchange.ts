import type { AuthRequest } from '../auth/auth-strategy.js';
import type { ConnectorError } from '../errors/connector-error.js';

/** One HTTP exchange: the final response's status and headers and its whole body. */
export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  /** The request as last sent (what the auth strategy saw), for a 401 refresh. */
  request: AuthRequest;
}

/** Why an attempt failed and whether another may help. */
export interface Failure {
  error: ConnectorError;
  /** The server's own wait, when it gave one. */
  serverWaitMs?: number | undefined;
  /** Short reason for retry events: `HTTP 503`, `timeout`, ... */
  reason: string;
}

/** Endpoint and vendor every error of one call carries. */
export interface CallMeta {
  vendor: string;
  endpoint: string;
}
