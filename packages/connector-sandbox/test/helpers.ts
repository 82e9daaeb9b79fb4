import type { SandboxClock } from '../src/index.js';

/** GET (or POST) and parse JSON, keeping status and headers. */
export async function call(
  url: string,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: unknown; text: string }> {
  const res = await fetch(url, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A manual clock: `now` only moves when the test says so; sleeps record and return at once. */
export function manualClock(
  start = 1_800_000_000_000,
): SandboxClock & { advance(ms: number): void; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
    },
    advance: (ms) => {
      now += ms;
    },
    slept,
  };
}
