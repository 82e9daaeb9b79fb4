import { inspect } from 'node:util';

/**
 * Whether `text` holds any `run`-character piece of any secret: a secret cut in half, clipped by a
 * length limit or partly masked still counts as leaked.
 *
 * @param text - What a host app could see (a message, a log line, a serialised event).
 * @param secrets - The secrets configured for the test.
 * @param run - Length of the pieces looked for (default 10).
 */
export function leaksSecret(text: string, secrets: readonly string[], run = 10): boolean {
  for (const secret of secrets) {
    if (secret.length < run) {
      if (secret !== '' && text.includes(secret)) return true;
      continue;
    }
    for (let i = 0; i + run <= secret.length; i++) {
      if (text.includes(secret.slice(i, i + run))) return true;
    }
  }
  return false;
}

/**
 * Everything of an error a host app could print or store: `util.inspect` with hidden fields,
 * `JSON.stringify`, and the message, stack and JSON of every error in its cause chain.
 *
 * @param error - The error to lay out.
 */
export function errorSurface(error: unknown): string {
  const parts = [inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  parts.push(JSON.stringify(error) ?? '');
  for (let c: unknown = error; c instanceof Error; c = c.cause) {
    parts.push(c.message, String(c.stack), JSON.stringify(c) ?? '');
  }
  return parts.join('\n');
}
