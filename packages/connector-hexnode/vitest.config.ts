import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests run against the workspace packages' sources, so a change in core is tested without a rebuild.
const source = (pkg: string) => fileURLToPath(new URL(`../${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@org/connector-core': source('connector-core'),
      '@org/connector-sandbox': source('connector-sandbox'),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
  },
});
