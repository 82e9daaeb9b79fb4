/** Text safe inside HTML element content and double-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** An element id for an entity key: only characters every browser accepts in a fragment. */
export function anchorOf(key: string): string {
  return `e-${Buffer.from(key).toString('base64url')}`;
}
