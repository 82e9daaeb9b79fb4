import { defineConfig } from 'tsup';

export default defineConfig({
  // `bin` is the `connector-kit` executable; `index` the library surface it is built on.
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm'],
  target: 'node22',
  platform: 'node',
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
});
