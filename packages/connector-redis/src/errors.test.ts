import { ConfigError, StoreError } from '@org/connector-core';
import { describe, expect, it } from 'vitest';
import { storeError } from './errors.js';

describe('storeError', () => {
  it('makes an outage retryable, with nothing for a person to do', () => {
    for (const reason of [
      'connect ECONNREFUSED 127.0.0.1:6390',
      'Connection is closed.',
      'Reached the max retries per request limit (which is 1).',
      'LOADING Redis is loading the dataset in memory',
      'CLUSTERDOWN The cluster is down',
    ]) {
      const error = storeError('state load', 'ck:state:{a}:snapshot', new Error(reason));
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ retryable: true, userAction: undefined });
    }
  });

  it('asks a person to fix what no retry cures', () => {
    for (const reason of [
      'NOAUTH Authentication required.',
      'WRONGPASS invalid username-password pair',
      'NOPERM this user has no permissions to run the evalsha command',
      "OOM command not allowed when used memory > 'maxmemory'.",
      "CROSSSLOT Keys in request don't hash to the same slot",
    ]) {
      const error = storeError('state save', 'k', new Error(reason));
      expect(error).toMatchObject({ retryable: false, userAction: 'fix_config' });
    }
  });

  it('passes connector errors through', () => {
    const config = new ConfigError('bad');
    expect(storeError('x', 'k', config)).toBe(config);
  });
});
