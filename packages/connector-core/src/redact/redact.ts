import { fragmentRanges, maskRanges } from './fragments.js';

/** What a secret is replaced with wherever it would otherwise appear. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret in `text` with {@link REDACTED}, and every piece of 8
 * or more characters of a secret, or of its base64, URL-encoded or JSON-escaped (`\uXXXX`) form:
 * a vendor that echoes "Invalid API key 76725efe-0ba…" gives away part of the key.
 *
 * Longer secrets are replaced first so that a secret containing another is scrubbed whole.
 * Empty strings are ignored: they would match everywhere and redact nothing useful.
 *
 * @param text - Text that may contain secrets (a message, a stack, a serialised object).
 * @param secrets - The secret values to scrub.
 * @returns The text with every secret replaced.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  const ordered = [...new Set(secrets)]
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return maskRanges(out, fragmentRanges(out, ordered), REDACTED);
}

/**
 * Each secret plus the forms a JSON encoder may write it in (`"` and `\` escaped, and `/` as `\/`
 * as PHP and some gateways do), for scrubbing raw response text before it is parsed.
 *
 * @param secrets - The secret values.
 */
export function withJsonEscapes(secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => {
    const escaped = JSON.stringify(s).slice(1, -1);
    return [s, escaped, escaped.replaceAll('/', '\\/')];
  });
}
