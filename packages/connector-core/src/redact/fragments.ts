/**
 * Finding pieces of a secret in text. A vendor may echo part of a key ("Invalid API key
 * 76725efe-0ba…"), or its base64, URL-encoded or JSON `\u`-escaped form; any run of
 * {@link MIN_FRAGMENT} or more characters of the secret is treated as the secret.
 */

/** Shortest piece of a secret that is redacted on its own (shorter secrets only match whole). */
export const MIN_FRAGMENT = 8;

/** One encoded form of a secret and the shortest piece of it that gives away 8 characters. */
interface Form {
  text: string;
  min: number;
  grams: Set<string>;
  chars: Set<number>;
}

const cache = new Map<string, Form[]>();
const CACHE_LIMIT = 64;

/** Every character escaped as JSON `\uXXXX`, as some encoders write non-ASCII (or all) text. */
function unicodeEscaped(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

function form(text: string, min: number): Form {
  const grams = new Set<string>();
  for (let i = 0; i + min <= text.length; i++) grams.add(text.slice(i, i + min));
  const chars = new Set<number>();
  for (let i = 0; i < text.length; i++) chars.add(text.charCodeAt(i));
  return { text, min, grams, chars };
}

/** The forms of `secret` whose pieces are searched for. */
export function formsOf(secret: string): Form[] {
  const hit = cache.get(secret);
  if (hit) return hit;
  const texts = new Map<string, number>();
  const add = (t: string, min: number) => {
    if (t.length >= min && !texts.has(t)) texts.set(t, min);
  };
  add(secret, MIN_FRAGMENT);
  const bytes = Buffer.from(secret, 'utf8');
  add(bytes.toString('base64').replace(/=+$/, ''), MIN_FRAGMENT);
  add(bytes.toString('base64url'), MIN_FRAGMENT);
  add(encodeURIComponent(secret), MIN_FRAGMENT);
  add(JSON.stringify(secret).slice(1, -1), MIN_FRAGMENT);
  // Six characters per escaped character: a piece must cover eight of them.
  add(unicodeEscaped(secret), MIN_FRAGMENT * 6);
  add(unicodeEscaped(secret).toUpperCase().replaceAll('\\U', '\\u'), MIN_FRAGMENT * 6);
  const forms = [...texts].map(([t, min]) => form(t, min));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(secret, forms);
  return forms;
}

/** Ranges `[start, end)` of `text` that are pieces of `f`, longest match from left to right. */
function findIn(text: string, f: Form, out: Array<[number, number]>): void {
  const { min } = f;
  let i = 0;
  while (i + min <= text.length) {
    // A window holding a character the form lacks cannot match: jump past that character.
    let skip = -1;
    for (let k = min - 1; k >= 0; k--) {
      if (!f.chars.has(text.charCodeAt(i + k))) {
        skip = k;
        break;
      }
    }
    if (skip >= 0) {
      i += skip + 1;
      continue;
    }
    if (!f.grams.has(text.slice(i, i + min))) {
      i++;
      continue;
    }
    let end = i + min;
    while (end < text.length && f.text.includes(text.slice(i, end + 1))) end++;
    out.push([i, end]);
    i = end;
  }
}

/** Ranges of `text` holding a piece (of at least {@link MIN_FRAGMENT} characters) of any secret. */
export function fragmentRanges(text: string, secrets: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const secret of secrets) {
    if (secret.length < MIN_FRAGMENT) continue;
    for (const f of formsOf(secret)) findIn(text, f, ranges);
  }
  return ranges;
}

/** `text` with every range replaced by `mask` (overlapping ranges merged). */
export function maskRanges(text: string, ranges: Array<[number, number]>, mask: string): string {
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let open: [number, number] | undefined;
  for (const r of ranges) {
    if (open && r[0] <= open[1]) {
      open[1] = Math.max(open[1], r[1]);
      continue;
    }
    if (open) {
      out += text.slice(at, open[0]) + mask;
      at = open[1];
    }
    open = [r[0], r[1]];
  }
  if (open) out += text.slice(at, open[0]) + mask + text.slice(open[1]);
  return out;
}
