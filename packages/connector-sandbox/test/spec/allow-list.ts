import type { AllowEntry } from './validator.js';

// Where a vendor's spec is wrong about the vendor, and the vendor wins: each entry names the spec,
// what it says and who says otherwise (the fact sheet, or the spec's own text or examples). An
// entry no violation needs fails the check, so the list stays short and true.

/** JumpCloud's specs (v1, v2, Directory Insights): none needed. */
export const JUMPCLOUD_ALLOWED: AllowEntry[] = [];

/**
 * Kandji's spec was generated from its Postman collection, each type guessed from one example
 * value: where the example had a value, the field is typed as that value, and booleans as integers.
 */
export const KANDJI_ALLOWED: AllowEntry[] = [
  {
    // `active`, `archived`, `is_missing`, `mdm_enabled`, `approximate`, the device details' flags...
    spec: 'kandji',
    keyword: 'type',
    message: /^must be integer$/,
    got: 'boolean',
    why: 'booleans typed as integer: the spec’s own examples carry true/false; kandji.md: "Generated SDKs type active/archived as ints"',
  },
  {
    spec: 'kandji',
    operation: 'GET /api/v1/users',
    at: /^\/next$/,
    keyword: 'type',
    got: 'null',
    why: 'users `next` typed string: the operation’s own description says it is null when no more results are available',
  },
  {
    spec: 'kandji',
    operation: 'GET /api/v1/prism/local_users',
    at: /^\/cursor$/,
    keyword: 'type',
    got: 'null',
    why: 'local users `cursor` typed string from a page that had more: the other categories’ examples show it null',
  },
  {
    spec: 'kandji',
    operation: 'GET /api/v1/devices',
    at: /^$/,
    keyword: 'type',
    got: 'array',
    why: 'devices typed as an object: its own example and kandji.md ("the body is a bare JSON array") say array',
  },
  {
    // The list's example has an unassigned device (""), the detail's an assigned one ({...}).
    spec: 'kandji',
    at: /(^|\/)user$/,
    keyword: 'type',
    why: 'device `user` typed from one example: kandji.md, "Device `user` is "" when unassigned, otherwise { email, name, id, is_archived }"',
  },
  {
    spec: 'kandji',
    operation: 'GET /api/v1/devices/{device_id}',
    at: /^\/user\/id$/,
    keyword: 'type',
    got: 'number',
    why: 'device `user.id` typed string: real tenants name the user by its legacy integer id (deprecated_user_id), which the connector joins on',
  },
  {
    // MISCONFIGURATIONS.kandji.devices[3] ("on no blueprint"), served in the misconfigured scenario.
    spec: 'kandji',
    at: /(^|\/)blueprint_(id|name|uuid)$/,
    keyword: 'type',
    got: 'null',
    why: 'blueprint fields typed string from an example on a blueprint: a device on none has null ones',
  },
];
