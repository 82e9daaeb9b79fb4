// Okta in the posture scenarios: `clean` has every user ACTIVE with an MFA factor and two
// administrators; `misconfigured` plants the flaws below, each on one user by index. User 2 is
// suspended as JumpCloud's user 2 is: the same leaver in both directories.

import type { ScenarioPatches } from '../../scenario/scenario.js';
import type { Misconfigurations } from '../../server/vendor.js';

/** The flaws Okta plants in the `misconfigured` scenario. */
export const OKTA_MISCONFIGURATIONS = {
  users: {
    1: 'no MFA factor enrolled',
    2: 'suspended (the leaver JumpCloud user 2 is)',
    3: 'an Organization Administrator with no MFA factor enrolled',
  },
  administrators:
    'five users hold admin roles (0 Super Administrator; 3, 4, 5 and 6 Organization Administrators): one more than a baseline of four',
} as const satisfies Misconfigurations;

/** Admin roles a scenario user holds: `[type, label]`, or undefined for none. */
type Role = readonly [type: string, label: string];
const SUPER: Role = ['SUPER_ADMIN', 'Super Administrator'];
const ORG: Role = ['ORG_ADMIN', 'Organizational Administrator'];

/** How a scenario overrides the seeded users' status, factors and admin roles. */
export interface OktaScenario {
  status(index: number): 'ACTIVE' | 'SUSPENDED';
  /** Whether the user has enrolled factors (the seeded ones, or one push factor when it had none). */
  enrolled(index: number): boolean;
  role(index: number): Role | undefined;
}

/** The Okta side of a posture scenario, or undefined outside one. */
export function oktaScenario(patches: ScenarioPatches | undefined): OktaScenario | undefined {
  if (!patches) return undefined;
  const bad = patches.name === 'misconfigured';
  return {
    status: (i) => (bad && i === 2 ? 'SUSPENDED' : 'ACTIVE'),
    enrolled: (i) => !(bad && (i === 1 || i === 3)),
    role: (i) => {
      if (i === 0) return SUPER;
      if (bad) return i >= 3 && i <= 6 ? ORG : undefined;
      return i === 1 ? ORG : undefined;
    },
  };
}
