import { mergeConfig } from 'vitest/config';
import { workspaceVitestConfig } from '../../vitest.shared.js';

// `--expose-gc`: the abort tests force a garbage collection mid-body (test/abort-after-gc.test.ts).
export default mergeConfig(workspaceVitestConfig(), { test: { execArgv: ['--expose-gc'] } });
