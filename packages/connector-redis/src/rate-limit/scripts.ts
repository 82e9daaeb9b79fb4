/**
 * Lua scripts of the rate-limit store. Each runs atomically on the server, so two processes can
 * never both take the last slot of a window. Sliding logs are sorted sets: one member per counted
 * call, scored by the time (epoch ms) it counts from.
 *
 * Times: every script gets the caller's now and a mode (ARGV[1], ARGV[2]). In `server` mode the
 * script counts in the Redis server's clock (`TIME`), so workers whose clocks disagree still share
 * one window, and it converts the times it takes and returns by the difference between the two
 * clocks at that moment (`shift`): callers only ever see times of their own clock. In `caller`
 * mode the caller's clock is used as is (tests with a manual clock). -1 stands for "never".
 */

/** Shared: the time the script counts in, the shift from the caller's clock, pruning, usage. */
const PRELUDE = `
local callerNow = tonumber(ARGV[1])
local now = callerNow
if ARGV[2] == 'server' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local shift = now - callerNow
local function prune(key, at, interval)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', at - interval)
end
local function usage(key, at, interval)
  local used = redis.call('ZCARD', key)
  if used == 0 then return used, at - shift end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return used, tonumber(oldest[2]) + interval - shift
end
`;

/**
 * KEYS: the pause, the concurrency-lease set, then n window logs.
 * ARGV: callerNow, mode, cost, n, member, slotLimit, leaseMs, slotPollMs, then limit and
 * interval per window.
 * Returns: granted (1/0), retryAt, blockedBy (0-based window, -1 none, -2 the shared pause), then
 * used and resetsAt per window.
 */
export const ACQUIRE = `${PRELUDE}
local cost = tonumber(ARGV[3])
local n = tonumber(ARGV[4])
local member = ARGV[5]
local slotLimit = tonumber(ARGV[6])
local leaseMs = tonumber(ARGV[7])
local slotPollMs = tonumber(ARGV[8])
local retryAt = 0
local blockedBy = -1
for i = 1, n do
  local key = KEYS[2 + i]
  local limit = tonumber(ARGV[7 + 2 * i])
  local interval = tonumber(ARGV[8 + 2 * i])
  prune(key, now, interval)
  local over = redis.call('ZCARD', key) + cost - limit
  if over > 0 then
    local at = -1
    if cost <= limit then
      -- The call fits once 'over' of the oldest entries have left the window.
      local e = redis.call('ZRANGE', key, over - 1, over - 1, 'WITHSCORES')
      at = tonumber(e[2]) + interval
    end
    if retryAt ~= -1 and (at == -1 or at > retryAt) then
      retryAt = at
      blockedBy = i - 1
    end
  end
end
-- A 429 seen by any process holds back every one sharing the limiter.
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > now and retryAt ~= -1 and paused > retryAt then
  retryAt = paused
  blockedBy = -2
end
if slotLimit > 0 then
  -- A lease is scored by when it expires: a worker that died frees its slot then.
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) >= slotLimit then
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    -- A release elsewhere is published (see SETTLE); look again by then at the latest.
    local at = math.min(tonumber(first[2]), now + slotPollMs)
    if retryAt ~= -1 and at > retryAt then retryAt = at end
  end
end
local granted = retryAt == 0 and 1 or 0
if granted == 1 then
  for i = 1, n do
    local interval = tonumber(ARGV[8 + 2 * i])
    for j = 1, cost do redis.call('ZADD', KEYS[2 + i], now, member .. ':' .. j) end
    redis.call('PEXPIRE', KEYS[2 + i], interval + 60000)
  end
  if slotLimit > 0 then
    redis.call('ZADD', KEYS[2], now + leaseMs, member)
    redis.call('PEXPIRE', KEYS[2], leaseMs + 60000)
  end
end
local out = { granted, retryAt > 0 and retryAt - shift or retryAt, blockedBy }
for i = 1, n do
  local u, resetsAt = usage(KEYS[2 + i], now, tonumber(ARGV[8 + 2 * i]))
  out[#out + 1] = u
  out[#out + 1] = resetsAt
end
return out
`;

/**
 * KEYS: one window log. ARGV: callerNow, mode, at, count, limit, interval, member.
 * Counts `count` calls at `at` unchecked, keeping at most twice the limit (the newest decide).
 */
export const RECORD = `${PRELUDE}
local at = tonumber(ARGV[3]) + shift
local count = tonumber(ARGV[4])
local limit = tonumber(ARGV[5])
local interval = tonumber(ARGV[6])
prune(KEYS[1], at, interval)
for j = 1, count do redis.call('ZADD', KEYS[1], at, ARGV[7] .. ':' .. j) end
local excess = redis.call('ZCARD', KEYS[1]) - math.max(limit, 1) * 2
if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
redis.call('PEXPIRE', KEYS[1], interval + 60000)
return 1
`;

/** KEYS: n window logs. ARGV: callerNow, mode, then interval per window. Used and resetsAt per window. */
export const USAGE_OF = `${PRELUDE}
local out = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[2 + i])
  prune(KEYS[i], now, interval)
  local u, resetsAt = usage(KEYS[i], now, interval)
  out[#out + 1] = u
  out[#out + 1] = resetsAt
end
return out
`;

/**
 * KEYS: the lease set, then n window logs. ARGV: callerNow, mode, endedAt, cost, n, member,
 * lease ('1' to free it), channel ('' for none), then interval per window. Re-counts the call's
 * `cost` entries (named by its member) from when it ended, frees its lease, and publishes the
 * release so callers waiting in other processes look again at once.
 */
export const SETTLE = `${PRELUDE}
local endedAt = tonumber(ARGV[3]) + shift
local cost = tonumber(ARGV[4])
local n = tonumber(ARGV[5])
local member = ARGV[6]
for i = 1, n do
  local moved = 0
  for j = 1, cost do
    moved = moved + redis.call('ZADD', KEYS[1 + i], 'XX', 'GT', 'CH', endedAt, member .. ':' .. j)
  end
  if moved > 0 then redis.call('PEXPIRE', KEYS[1 + i], tonumber(ARGV[8 + i]) + 60000) end
end
if ARGV[7] == '1' then
  redis.call('ZREM', KEYS[1], member)
  if ARGV[8] ~= '' then redis.call('PUBLISH', ARGV[8], '1') end
end
return 1
`;

/** KEYS: the pause key. ARGV: callerNow, mode, until, ttlMs. Keeps the later of the stored and the new end. */
export const PAUSE = `${PRELUDE}
local ending = tonumber(ARGV[3]) + shift
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if ending > current then
  redis.call('SET', KEYS[1], ending, 'PX', ARGV[4])
end
return 1
`;

/** KEYS: the pause key. ARGV: callerNow, mode. When the pause ends, in the caller's clock; 0 for none. */
export const PAUSED_UNTIL = `${PRELUDE}
local ending = tonumber(redis.call('GET', KEYS[1]) or '0')
if ending == 0 then return 0 end
return ending - shift
`;

/**
 * KEYS: the lease set, then the window logs of one limiter. ARGV: channel ('' for none), then
 * member and cost pairs. Forgets calls whose `acquire` reply was lost (the connection dropped
 * after the server ran it): their lease and their entries, since the caller never made them.
 */
export const FORGET = `
for i = 2, #ARGV, 2 do
  local member = ARGV[i]
  local cost = tonumber(ARGV[i + 1])
  redis.call('ZREM', KEYS[1], member)
  for k = 2, #KEYS do
    for j = 1, cost do redis.call('ZREM', KEYS[k], member .. ':' .. j) end
  end
end
if ARGV[1] ~= '' then redis.call('PUBLISH', ARGV[1], '1') end
return 1
`;
