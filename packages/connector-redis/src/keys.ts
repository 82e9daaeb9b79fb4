/**
 * Key naming. Every key of one tenant carries the same hash tag (`{...}`), so Redis Cluster puts
 * them in one slot and a Lua script may touch all of them at once.
 */

/** Percent-encodes what would end or split a hash tag, so any name makes exactly one tag. */
export function hashTag(name: string): string {
  return `{${name.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}}`;
}

/** Splits a limiter window key (`<limiter key>:<window name>`) into the limiter key and the name. */
export function splitWindowKey(key: string): { tenant: string; name: string } {
  const at = key.lastIndexOf(':');
  return at < 0 ? { tenant: key, name: '' } : { tenant: key.slice(0, at), name: key.slice(at + 1) };
}
