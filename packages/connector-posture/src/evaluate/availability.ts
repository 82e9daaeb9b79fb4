import type { GraphEntity, GraphSnapshot } from '@org/connector-graph';
import type { AnyPostureCheck, ResourceRead } from '../model/check.js';
import type { NotEvaluated } from '../model/finding.js';

type Blocker = Pick<NotEvaluated, 'code' | 'reason'>;

function fieldsMissing(
  read: ResourceRead,
  entities: readonly GraphEntity[],
  where: string,
): Blocker | undefined {
  const fields = read.fields;
  if (!fields || fields.length === 0 || !read.kind || entities.length === 0) return undefined;
  if (entities.some((e) => fields.some((f) => e[f] !== undefined))) return undefined;
  const why = read.missingReason ? `: ${read.missingReason}` : '';
  return {
    code: 'field_unavailable',
    reason: `no ${read.kind} of ${where} carries ${fields.join(' or ')}${why}`,
  };
}

/**
 * Why `check` cannot be judged on `connection` (every connection for a cross-vendor check), or
 * undefined when everything it reads was collected completely. A resource not read, read in part
 * or a field no entity carries blocks it: absence of data is never a pass.
 */
export function blockerOf(
  check: AnyPostureCheck,
  snapshot: GraphSnapshot,
  connection: string | undefined,
  entitiesOf: (kind: NonNullable<ResourceRead['kind']>) => GraphEntity[],
): Blocker | undefined {
  for (const read of check.reads) {
    const statuses = snapshot.resources.filter(
      (r) =>
        r.resource === read.resource && (connection === undefined || r.connection === connection),
    );
    const where = connection ?? 'any connection';
    if (statuses.length === 0) {
      return { code: 'not_collected', reason: `${where}: ${read.resource} was not read` };
    }
    const broken = statuses.find((s) => !s.complete);
    if (broken) {
      const why = broken.error ? ` (${broken.error.code}: ${broken.error.message})` : '';
      return { code: 'incomplete', reason: `${broken.source} is incomplete${why}` };
    }
    const missing = read.kind ? fieldsMissing(read, entitiesOf(read.kind), where) : undefined;
    if (missing) return missing;
  }
  return undefined;
}
