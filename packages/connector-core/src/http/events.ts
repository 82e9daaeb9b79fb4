/**
 * What the core reports for host observability, through the `onEvent` option. Payloads carry no
 * secrets and no query strings: endpoints are `METHOD /path`.
 */
export type ConnectorEvent =
  | {
      type: 'request';
      vendor: string;
      method: string;
      endpoint: string;
      attempt: number;
    }
  | {
      type: 'response';
      vendor: string;
      method: string;
      endpoint: string;
      status: number;
      durationMs: number;
      attempt: number;
      requestId?: string | undefined;
    }
  | {
      type: 'retry';
      vendor: string;
      method: string;
      endpoint: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | {
      type: 'rate-limited';
      vendor: string;
      endpoint: string;
      waitMs: number;
      source: 'limiter' | 'server';
    }
  | {
      type: 'page';
      vendor: string;
      endpoint: string;
      page: number;
      items: number;
      durationMs: number;
    };

/** Receives {@link ConnectorEvent}s. Exceptions it throws are ignored. */
export type EventHandler = (event: ConnectorEvent) => void;
