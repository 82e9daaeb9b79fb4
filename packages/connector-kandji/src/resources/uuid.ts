const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks that an id Kandji addresses by UUID is one, so nothing else (`..`, `a/b`) can reach a
 * request path. Throws `TypeError` otherwise.
 */
export function kandjiUuid(id: unknown, what: string): string {
  const text = typeof id === 'string' ? id.trim() : '';
  if (!UUID.test(text)) throw new TypeError(`A Kandji ${what} is a UUID`);
  return text;
}
