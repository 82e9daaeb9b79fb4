import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/kit.ts', 'src/testing.ts', 'src/otel.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
});
