/**
 * Lua scripts of the state store. A lock is a hash `{owner, expiresAt}`; its key also gets a Redis
 * expiry (the lease plus a minute) only so that abandoned locks are garbage-collected. Whether a
 * lease is live is decided by `expiresAt` against the time in ARGV — the store's clock, or the
 * server's own (`TIME`) when ARGV carries none — so every worker judges by one clock.
 */

const NOW = `
local function clock(arg)
  if arg ~= '' then return tonumber(arg) end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/** KEYS: lock. ARGV: owner, ttlMs, now. Returns {1} when taken, else {0, holder}. */
export const LOCK = `${NOW}
local now = clock(ARGV[3])
local ttl = tonumber(ARGV[2])
local holder = redis.call('HGET', KEYS[1], 'owner')
local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAt') or '0')
if holder and holder ~= ARGV[1] and expiresAt > now then return { 0, holder } end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'expiresAt', now + ttl)
redis.call('PEXPIRE', KEYS[1], ttl + 60000)
return { 1 }
`;

/** KEYS: lock. ARGV: owner, ttlMs, now. Extends a live lease of `owner`; {0, holder} when lost. */
export const RENEW = `${NOW}
local now = clock(ARGV[3])
local ttl = tonumber(ARGV[2])
local holder = redis.call('HGET', KEYS[1], 'owner')
local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAt') or '0')
if holder ~= ARGV[1] or expiresAt <= now then return { 0, holder or '' } end
redis.call('HSET', KEYS[1], 'expiresAt', now + ttl)
redis.call('PEXPIRE', KEYS[1], ttl + 60000)
return { 1 }
`;

/** KEYS: lock. ARGV: owner. Deletes the lock only when `owner` still holds it. */
export const UNLOCK = `
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * KEYS: snapshot, lock. ARGV: value, owner ('' when this store took no lock), now. Returns {1}
 * when written, else {0, holder}. A writer that took the lock must still hold it (a lease that
 * lapsed unclaimed still counts); one that took none may write while nobody holds a live lease.
 * A worker whose lease was taken over can therefore never overwrite the new holder's snapshot.
 */
export const SAVE = `${NOW}
local holder = redis.call('HGET', KEYS[2], 'owner')
if ARGV[2] ~= '' then
  if holder ~= ARGV[2] then return { 0, holder or '' } end
elseif holder then
  local expiresAt = tonumber(redis.call('HGET', KEYS[2], 'expiresAt') or '0')
  if expiresAt > clock(ARGV[3]) then return { 0, holder } end
end
redis.call('SET', KEYS[1], ARGV[1])
return { 1 }
`;

/**
 * KEYS: the epoch hash. ARGV: a new id, now, the epoch the caller knew ('' for none). Creates the
 * epoch when there is none (naming the known one as `replaced`: the data was lost), and records
 * `replaced` on an epoch created by a caller that did not know the old one. Returns {id, since,
 * replaced or ''}.
 */
export const EPOCH = `${NOW}
local id = redis.call('HGET', KEYS[1], 'id')
if not id then
  id = ARGV[1]
  redis.call('HSET', KEYS[1], 'id', id, 'since', clock(ARGV[2]))
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'replaced', ARGV[3]) end
elseif ARGV[3] ~= '' and id ~= ARGV[3] and not redis.call('HGET', KEYS[1], 'replaced') then
  redis.call('HSET', KEYS[1], 'replaced', ARGV[3])
end
return { id, redis.call('HGET', KEYS[1], 'since'), redis.call('HGET', KEYS[1], 'replaced') or '' }
`;
