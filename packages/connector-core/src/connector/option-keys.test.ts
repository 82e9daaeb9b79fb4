import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/errors.js';
import { createFileStateStore } from '../sync/file-store.js';
import { createMemoryStateStore } from '../sync/memory-store.js';
import { parseConfig } from './config-error.js';
import {
  checkOptionKeys,
  findUnknownOption,
  mergeKeys,
  type OptionKeys,
  optionKeysOf,
  TRANSPORT_OPTION_KEYS,
} from './option-keys.js';
import { connectorOptions, secret } from './schema-pieces.js';

const Options = v.pipe(
  v.object({
    apiKey: secret(),
    ...connectorOptions({ defaultPageSize: 100, maxPageSize: 1000 }),
    limits: v.optional(
      v.object({ perMinute: v.optional(v.object({ limit: v.number(), intervalMs: v.number() })) }),
      {},
    ),
    filters: v.optional(v.record(v.string(), v.string())),
  }),
  v.transform((o) => ({ ...o, derived: true })),
);
const keys = mergeKeys(optionKeysOf(Options) as OptionKeys, TRANSPORT_OPTION_KEYS);
const unknown = (input: object) => findUnknownOption(input, keys);

describe('unknown option names', () => {
  it('reads the names of nested objects through pipe, optional and transforms', () => {
    expect(optionKeysOf(Options)).toMatchObject({
      apiKey: true,
      pageSize: true,
      limits: { perMinute: { limit: true, intervalMs: true } },
      filters: true,
    });
  });

  it('names the typo and the nearest valid name, at any depth', () => {
    expect(unknown({ apiKey: 'k', pagesize: 5 })).toEqual({
      path: 'pagesize',
      suggestion: 'pageSize',
    });
    expect(unknown({ apikey: 'k' })).toEqual({ path: 'apikey', suggestion: 'apiKey' });
    expect(unknown({ perPage: 5 })).toEqual({ path: 'perPage', suggestion: 'pageSize' });
    expect(unknown({ per_page: 5 })).toEqual({ path: 'per_page', suggestion: 'pageSize' });
    expect(unknown({ timeout: { perAtemptMs: 5 } })).toEqual({
      path: 'timeout.perAtemptMs',
      suggestion: 'timeout.perAttemptMs',
    });
    expect(unknown({ limits: { perMinute: { limt: 5 } } })).toEqual({
      path: 'limits.perMinute.limt',
      suggestion: 'limits.perMinute.limit',
    });
  });

  it('points a name given at the wrong level to where it lives', () => {
    expect(unknown({ maxRetryAfterMs: 5 })).toEqual({
      path: 'maxRetryAfterMs',
      suggestion: 'retry.maxRetryAfterMs',
    });
  });

  it('accepts every known name, explicit undefined, and the keys of records and non-plain values', () => {
    expect(
      unknown({
        apiKey: 'k',
        pageSize: 5,
        retry: { limit: 1, random: () => 0.5 },
        timeout: { perAttemptMs: 10 },
        filters: { anything: 'goes' },
        signal: new AbortController().signal,
        typo: undefined,
      }),
    ).toBeUndefined();
  });

  it('parseConfig refuses an unknown name before it reports a missing one', () => {
    const wording = { vendor: 'acme', label: 'Acme', hints: {} };
    const error = (() => {
      try {
        parseConfig(wording, Options, { apikey: 'k' }, keys);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      message: 'Acme config: unknown option "apikey"; did you mean "apiKey"?',
      vendor: 'acme',
      option: 'apikey',
      suggestion: 'apiKey',
    });
  });

  it('store factories refuse an unknown name', () => {
    expect(() => createMemoryStateStore({ clok: undefined } as never)).not.toThrow();
    expect(() => createMemoryStateStore({ clok: {} } as never)).toThrow(
      'createMemoryStateStore: unknown option "clok"; did you mean "clock"?',
    );
    expect(() => createFileStateStore({ dir: '/tmp/x' } as never)).toThrow(
      'createFileStateStore: unknown option "dir"; did you mean "directory"?',
    );
    expect(() => checkOptionKeys('f', { a: { b: 1 } }, { a: { c: true } })).toThrow(
      'f: unknown option "a.b"; did you mean "a.c"?',
    );
  });
});
