const MAX_DETAIL = 200;

const clip = (text: string): string | undefined => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
};

function fromValue(value: unknown, depth: number): string | undefined {
  if (depth > 3 || value === null || value === undefined) return undefined;
  // The core hands over a non-JSON body as its text: an HTML page is markup, not a reason.
  if (typeof value === 'string') return /^\s*</.test(value) ? undefined : clip(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map((item) => fromValue(item, depth + 1)).filter((p) => p !== undefined);
    return parts.length > 0 ? clip(parts.join('; ')) : undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['detail', 'message', 'error', 'errors']) {
      const found = fromValue(record[key], depth + 1);
      if (found !== undefined) return found;
    }
    // Django REST field errors: { "email": ["Enter a valid email address."] }
    const fields = Object.entries(record)
      .map(([key, item]) => {
        const text = fromValue(item, depth + 1);
        return text === undefined ? undefined : `${key}: ${text}`;
      })
      .filter((p) => p !== undefined);
    return fields.length > 0 ? clip(fields.join('; ')) : undefined;
  }
  return undefined;
}

/**
 * A short, human-readable reason from a Kandji error body, whatever its shape: a bare JSON string,
 * a JSON array, `{"detail": "..."}`, Django field errors or plain text. HTML pages (Kandji's 404
 * page) yield `undefined` rather than markup. Never throws.
 */
export function kandjiErrorDetail(body: unknown, bodyText: string): string | undefined {
  if (body !== undefined) return fromValue(body, 0);
  return fromValue(bodyText, 0);
}
