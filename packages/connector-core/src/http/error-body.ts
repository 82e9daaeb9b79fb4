import { redactValue } from '../redact/redact-error.js';

/** An error response body, read without trusting its shape. */
export interface ErrorBody {
  /** Parsed JSON when the body was JSON, else the text (or undefined when empty). */
  body: unknown;
  /** A short human summary for messages (the vendor's own message when it has one). */
  summary: string;
}

const MAX_SUMMARY = 200;
const MESSAGE_KEYS = [
  'detail',
  'message',
  'error_description',
  'error',
  'msg',
  'title',
  'description',
];

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_SUMMARY ? `${flat.slice(0, MAX_SUMMARY - 1)}…` : flat;
}

/** Finds the vendor's message in a JSON error body of any common shape. */
function messageOf(value: unknown, depth = 0): string | undefined {
  if (depth > 3 || value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const m = messageOf(item, depth + 1);
      if (m) return m;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of MESSAGE_KEYS) {
      const m = messageOf(record[key], depth + 1);
      if (m) return m;
    }
    return messageOf(record.errors, depth + 1);
  }
  return undefined;
}

/**
 * Parses an error response body defensively: a JSON object, a JSON string, a JSON array, an HTML
 * page (summarised by its title), plain text or nothing at all. `text` must already be redacted;
 * `secrets` are scrubbed again from the parsed JSON, where a JSON escape (`\/`) may have hidden
 * one from the text, before the summary is clipped (a clipped secret no longer matches).
 */
export function parseErrorBody(
  text: string,
  contentType: string | null,
  secrets: readonly string[] = [],
): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { body: undefined, summary: '' };
  const looksJson = /^[[{"]/.test(trimmed) || /json/i.test(contentType ?? '');
  if (looksJson) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const body = secrets.length > 0 ? redactValue(parsed, secrets) : parsed;
      return { body, summary: clip(messageOf(body) ?? '') };
    } catch {
      // Not JSON after all: fall through to text.
    }
  }
  if (/^</.test(trimmed) || /html/i.test(contentType ?? '')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return { body: text, summary: title ? `HTML page: ${clip(title)}` : 'HTML page' };
  }
  return { body: text, summary: clip(trimmed) };
}
