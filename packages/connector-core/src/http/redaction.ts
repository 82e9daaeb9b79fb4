import type { AuthStrategy } from '../auth/auth-strategy.js';
import { redactError, redactValue } from '../redact/redact-error.js';
import type { ConnectorEvent } from './events.js';

/** How a client keeps its secrets out of what leaves it. */
export interface ClientRedaction {
  /** The secrets the auth strategy holds right now (tokens change). */
  secrets(): readonly string[];
  /** Reports an event to the host, redacted; an observer's exception is swallowed. */
  emit(event: ConnectorEvent): void;
  /** Scrubs every secret from an error (message, stack, fields, causes). */
  finish<E extends Error>(error: E): E;
}

const NONE: readonly string[] = [];

/**
 * The redaction of one client: every event and every error it lets out goes through here.
 *
 * @param auth - Whose secrets to scrub.
 * @param onEvent - The host's event hook.
 */
export function clientRedaction(
  auth: AuthStrategy | undefined,
  onEvent: ((event: ConnectorEvent) => void) | undefined,
): ClientRedaction {
  const secrets = () => auth?.secrets() ?? NONE;
  return {
    secrets,
    emit(event) {
      if (!onEvent) return;
      try {
        onEvent(redactValue(event, secrets()) as ConnectorEvent);
      } catch {
        // An observer must not break the request it observes.
      }
    },
    finish: (error) => redactError(error, secrets()),
  };
}
