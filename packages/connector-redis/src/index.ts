/**
 * Redis-backed stores for connector kit, so many worker processes share each connection's rate
 * budget and snapshot: a `RateLimitStore` (sliding windows, the shared 429 pause and leased
 * concurrency slots, each kept atomically in Lua) and a `StateStore` (atomic snapshots, one writer
 * per connection by lease). Keys are hash-tagged per tenant, so both work on Redis Cluster.
 *
 * @packageDocumentation
 */
export {
  createRedisRateLimitStore,
  type RedisConcurrencyOptions,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './rate-limit/redis-rate-limit-store.js';
export type { RedisClient } from './script.js';
export {
  createRedisStateStore,
  type RedisStateStore,
  type RedisStateStoreOptions,
} from './state/redis-state-store.js';
