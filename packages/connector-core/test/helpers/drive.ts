/**
 * The kit's one clock driver, under the name these tests were written with (see
 * `src/testing/clock-driver.ts`).
 */
export { createClockDriver as createDriver } from '../../src/testing/clock-driver.js';
