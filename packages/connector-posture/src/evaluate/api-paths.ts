// The vendor API call behind each resource the graph reads, for a finding's evidence. The graph
// names resources (`jumpcloud/users`); an auditor wants the endpoint. Each vendor declares its own
// (`src/vendors/<vendor>.ts`).
import { POSTURE_VENDORS } from '../vendors/registry.js';

/** The API call of a vendor's resource, such as `GET /api/systems`; undefined when unknown. */
export function apiPathOf(vendor: string, resource: string): string | undefined {
  const paths = Object.hasOwn(POSTURE_VENDORS, vendor) ? POSTURE_VENDORS[vendor]?.apiPaths : {};
  return paths && Object.hasOwn(paths, resource) ? paths[resource] : undefined;
}
