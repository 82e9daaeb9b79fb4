/**
 * Test helpers for host apps and connector authors: a manual clock, the one clock driver that moves
 * it while no request is in flight, and a fake connector for exercising a poller.
 *
 * @packageDocumentation
 */

export { createManualClock, type ManualClock } from './clock/manual-clock.js';
export {
  type ClockDriver,
  type ClockDriverOptions,
  createClockDriver,
  type DrivableClock,
  type SentRequest,
} from './testing/clock-driver.js';
export {
  createFakeConnector,
  type FakeConnector,
  type FakeUser,
  type Gate,
  makeUsers,
} from './testing/fake-connector.js';
