/**
 * One typed asset graph of every connection: entities and relationships in JupiterOne's data
 * model (`@jupiterone/data-model`: the classes' required properties, camelCase names, epoch-ms
 * times, JupiterOne's relationship types), people joined across vendors, a change feed over the
 * whole graph that reports nothing an outage did not change, and exports (NDJSON, JSON Graph
 * Format, GraphML, Mermaid).
 *
 * @packageDocumentation
 */
export type {
  EntityInit,
  EntityRef,
  ReadContext,
  ResourceReader,
  VendorAdapter,
} from './collect/adapter.js';
export { type CollectOptions, collect } from './collect/collect.js';
export type {
  BudgetWarningEvent,
  CollectEvent,
  CollectProgressEvent,
  ConnectionFailedEvent,
  EstimateEvent,
  ResourceFinishedEvent,
  ResourceStartedEvent,
} from './collect/events.js';
export {
  type Changed,
  type ChangeList,
  carryForward,
  changedFieldNames,
  diffGraphs,
  type GraphChanges,
} from './diff/diff.js';
export { toGraphML } from './export/graphml.js';
export { type JsonGraph, toJsonGraph } from './export/json-graph.js';
export { type MermaidOptions, toMermaid } from './export/mermaid.js';
export { toNdjson } from './export/ndjson.js';
export { subgraph } from './export/subgraph.js';
export {
  createGraphFeed,
  type GraphFeed,
  type GraphFeedOptions,
  type GraphFeedResult,
  type RemovalGuard,
} from './feed/graph-feed.js';
export { countByType } from './model/counts.js';
export {
  ENTITY_KINDS,
  type EntityKind,
  type GraphEntity,
  type GraphRelationship,
  type GraphValue,
  RELATIONSHIP_CLASSES,
  type RelationshipClass,
} from './model/entity.js';
export {
  type DeviceInit,
  deviceCategory,
  deviceProperties,
  emailOf,
  type OsType,
  osTypeOf,
  relationshipType,
  timestampOf,
  type UserInit,
  userProperties,
} from './model/jupiterone.js';
export { entityKey, relationshipKey } from './model/keys.js';
export type { GraphConnectionInfo, GraphSnapshot, ResourceStatus } from './model/snapshot.js';
export { camelCase, vendorFields } from './model/vendor-fields.js';
export { type EmailNormalization, normalizeEmail } from './people/normalize-email.js';
export {
  joinPeople,
  PEOPLE_SOURCE,
  type PeopleOptions,
  type Person,
  type PersonAccount,
  type UnmanagedAccount,
  unmanagedAccounts,
} from './people/people.js';
export { createFileGraphStore, type FileGraphStoreOptions } from './store/file-store.js';
export type { GraphStore } from './store/graph-store.js';
export { createMemoryGraphStore } from './store/memory-store.js';
export {
  createHexnodeAdapter,
  type HexnodeAdapterOptions,
  hexnodeAdapter,
} from './vendors/hexnode.js';
export { jumpcloudAdapter } from './vendors/jumpcloud.js';
export {
  createKandjiAdapter,
  type KandjiAdapterOptions,
  kandjiAdapter,
} from './vendors/kandji.js';
export { DeviceBudgetError, type PerDeviceOptions } from './vendors/per-device.js';
export { BUILT_IN_ADAPTERS, DIRECTORY_VENDORS } from './vendors/registry.js';
