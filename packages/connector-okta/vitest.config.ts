import { workspaceVitestConfig } from '../../vitest.shared.js';

export default workspaceVitestConfig({ sourceAliases: true });
