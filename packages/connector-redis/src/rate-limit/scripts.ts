/**
 * Lua scripts of the rate-limit store. Each runs atomically on the server, so two processes can
 * never both take the last slot of a window. Sliding logs are sorted sets: one member per counted
 * call, scored by the time (epoch ms) it counts from. Times come from the callers' clocks, as the
 * `RateLimitStore` contract says; integers are returned, and -1 stands for "never".
 */

/** Shared by the scripts: drop what left the window, then the window's usage. */
const USAGE = `
local function prune(key, now, interval)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - interval)
end
local function usage(key, now, interval)
  local used = redis.call('ZCARD', key)
  if used == 0 then return used, now end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return used, tonumber(oldest[2]) + interval
end
`;

/**
 * KEYS: n window logs, then the concurrency-lease set when `slotLimit` > 0.
 * ARGV: now, cost, n, member, slotLimit, leaseMs, slotPollMs, then limit and interval per window.
 * Returns: granted (1/0), retryAt, blockedBy (0-based, -1 none), then used and resetsAt per window.
 */
export const ACQUIRE = `${USAGE}
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local member = ARGV[4]
local slotLimit = tonumber(ARGV[5])
local leaseMs = tonumber(ARGV[6])
local slotPollMs = tonumber(ARGV[7])
local retryAt = 0
local blockedBy = -1
local used = {}
for i = 1, n do
  local limit = tonumber(ARGV[6 + 2 * i])
  local interval = tonumber(ARGV[7 + 2 * i])
  prune(KEYS[i], now, interval)
  used[i] = redis.call('ZCARD', KEYS[i])
  local over = used[i] + cost - limit
  if over > 0 then
    local at = -1
    if cost <= limit then
      -- The call fits once 'over' of the oldest entries have left the window.
      local e = redis.call('ZRANGE', KEYS[i], over - 1, over - 1, 'WITHSCORES')
      at = tonumber(e[2]) + interval
    end
    if retryAt ~= -1 and (at == -1 or at > retryAt) then
      retryAt = at
      blockedBy = i - 1
    end
  end
end
local slots = KEYS[n + 1]
if slotLimit > 0 then
  -- A lease is scored by when it expires: a worker that died frees its slot then.
  redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
  if redis.call('ZCARD', slots) >= slotLimit then
    local first = redis.call('ZRANGE', slots, 0, 0, 'WITHSCORES')
    -- A release in another process wakes nobody here, so look again soon.
    local at = math.min(tonumber(first[2]), now + slotPollMs)
    if retryAt ~= -1 and at > retryAt then retryAt = at end
  end
end
local granted = retryAt == 0 and 1 or 0
if granted == 1 then
  for i = 1, n do
    local interval = tonumber(ARGV[7 + 2 * i])
    for j = 1, cost do redis.call('ZADD', KEYS[i], now, member .. ':' .. j) end
    redis.call('PEXPIRE', KEYS[i], interval + 60000)
  end
  if slotLimit > 0 then
    redis.call('ZADD', slots, now + leaseMs, member)
    redis.call('PEXPIRE', slots, leaseMs + 60000)
  end
end
local out = { granted, retryAt, blockedBy }
for i = 1, n do
  local interval = tonumber(ARGV[7 + 2 * i])
  local u, resetsAt = usage(KEYS[i], now, interval)
  out[#out + 1] = u
  out[#out + 1] = resetsAt
end
return out
`;

/**
 * KEYS: one window log. ARGV: at, count, limit, interval, member.
 * Counts `count` calls at `at` unchecked, keeping at most twice the limit (the newest decide).
 */
export const RECORD = `${USAGE}
local at = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local interval = tonumber(ARGV[4])
prune(KEYS[1], at, interval)
for j = 1, count do redis.call('ZADD', KEYS[1], at, ARGV[5] .. ':' .. j) end
local excess = redis.call('ZCARD', KEYS[1]) - math.max(limit, 1) * 2
if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
redis.call('PEXPIRE', KEYS[1], interval + 60000)
return 1
`;

/** KEYS: n window logs. ARGV: now, then interval per window. Returns used and resetsAt per window. */
export const USAGE_OF = `${USAGE}
local now = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[1 + i])
  prune(KEYS[i], now, interval)
  local u, resetsAt = usage(KEYS[i], now, interval)
  out[#out + 1] = u
  out[#out + 1] = resetsAt
end
return out
`;

/**
 * KEYS: n window logs, then the lease set. ARGV: startedAt, endedAt, cost, n, lease ('' for none),
 * then interval per window. Re-counts `cost` calls from when they ended and frees the lease.
 */
export const SETTLE = `
local startedAt = tonumber(ARGV[1])
local endedAt = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local n = tonumber(ARGV[4])
local lease = ARGV[5]
if endedAt > startedAt then
  for i = 1, n do
    local members = redis.call('ZRANGEBYSCORE', KEYS[i], startedAt, startedAt, 'LIMIT', 0, cost)
    for _, m in ipairs(members) do redis.call('ZADD', KEYS[i], 'XX', endedAt, m) end
    if #members > 0 then redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[5 + i]) + 60000) end
  end
end
if lease ~= '' then redis.call('ZREM', KEYS[n + 1], lease) end
return 1
`;

/** KEYS: the pause key. ARGV: until, ttlMs. Keeps the later of the stored and the new end. */
export const PAUSE = `
local ending = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if ending > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1
`;
