import { describe, expect, it } from 'vitest';
import { AuthenticationError, ServerError, StoreError } from '../../errors/errors.js';
import { userActionOf } from './user-action.js';

describe('userActionOf', () => {
  it('reads what a person must do, by shape, and nothing for passing failures', () => {
    expect(userActionOf(new AuthenticationError('revoked'))).toBe('reconnect');
    expect(userActionOf({ userAction: 'grant_permission' })).toBe('grant_permission'); // another copy of the core
    expect(userActionOf(new ServerError('502'))).toBeUndefined();
    expect(userActionOf(new StoreError('down'))).toBeUndefined();
    expect(userActionOf({ userAction: 'reboot' })).toBeUndefined();
    expect(userActionOf(null)).toBeUndefined();
  });
});
