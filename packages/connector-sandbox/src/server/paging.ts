/** Query-string helpers shared by the vendors. */

/** A non-negative integer query parameter, `fallback` when absent, `undefined` when malformed. */
export function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** `url` with `name` set to `value` (Django REST framework's replace_query_param). */
export function withParam(url: URL, name: string, value: string | number): string {
  const u = new URL(url);
  u.searchParams.set(name, String(value));
  return u.toString();
}

/** `url` without `name` (remove_query_param). */
export function withoutParam(url: URL, name: string): string {
  const u = new URL(url);
  u.searchParams.delete(name);
  return u.toString();
}
