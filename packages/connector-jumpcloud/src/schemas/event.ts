import * as v from 'valibot';
import { optionalBoolean, optionalString } from './common.js';

/**
 * Directory Insights service names accepted by `POST /events` (`all` selects every service).
 */
export const EventService = v.picklist([
  'all',
  'alerts',
  'directory',
  'ldap',
  'mdm',
  'notifications',
  'object_storage',
  'password_manager',
  'radius',
  'reports',
  'saas_app_management',
  'software',
  'sso',
  'systems',
  'access_management',
  'asset_management',
]);

/**
 * One Directory Insights event. The spec types events as free-form objects; `id`, `event_type`,
 * `service` and `timestamp` are always present and every other field is kept as sent.
 */
export const DirectoryEvent = v.looseObject({
  id: v.string(),
  event_type: v.string(),
  service: v.string(),
  timestamp: v.string(),
  organization: optionalString,
  success: optionalBoolean,
  client_ip: optionalString,
  initiated_by: v.nullish(
    v.looseObject({ id: optionalString, type: optionalString, email: optionalString }),
  ),
  resource: v.nullish(v.record(v.string(), v.unknown())),
});

/** A Directory Insights service name. */
export type EventService = v.InferOutput<typeof EventService>;
/** A validated Directory Insights event. */
export type DirectoryEvent = v.InferOutput<typeof DirectoryEvent>;
