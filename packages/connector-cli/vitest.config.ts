import { workspaceVitestConfig } from '../../vitest.shared.js';

// The CLI's tests run the built packages, as the command gets them once installed.
export default workspaceVitestConfig();
