import * as v from 'valibot';

/** A node of JumpCloud's directory graph: `{ id, type }` (`user`, `user_group`, `system`, ...). */
export const GraphObject = v.looseObject({
  id: v.string(),
  type: v.string(),
  attributes: v.nullish(v.record(v.string(), v.unknown())),
});

/**
 * An edge of the graph (`GET /api/v2/usergroups/{id}/members` answers `[{ to: { id, type } }]`).
 * `from` is omitted when it is clear from the route.
 */
export const GraphConnection = v.looseObject({
  to: GraphObject,
  from: v.nullish(GraphObject),
  attributes: v.nullish(v.record(v.string(), v.unknown())),
});

/**
 * A node reached through the graph with the paths that lead to it (full group membership,
 * application assignees). A path longer than one edge means the relation is inherited.
 */
export const GraphObjectWithPaths = v.looseObject({
  id: v.string(),
  type: v.string(),
  paths: v.nullish(v.array(v.array(GraphConnection))),
  compiledAttributes: v.nullish(v.record(v.string(), v.unknown())),
});

/** A graph node. */
export type GraphObject = v.InferOutput<typeof GraphObject>;
/** A graph edge. */
export type GraphConnection = v.InferOutput<typeof GraphConnection>;
/** A graph node with the paths that reach it. */
export type GraphObjectWithPaths = v.InferOutput<typeof GraphObjectWithPaths>;
