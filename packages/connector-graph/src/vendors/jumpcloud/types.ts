// What the JumpCloud adapter reads of a connector's items: only the fields it maps; every other
// field reaches the graph through `vendorFields`.
import type { SignalOption } from '../common.js';

export interface Named {
  _id: string;
  name?: string | null;
  displayName?: string | null;
  created?: string | null;
}
export interface JcUser extends Named {
  email: string;
  username?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  displayname?: string | null;
  state?: string | null;
  suspended?: boolean | null;
  employeeIdentifier?: string | null;
  password_date?: string | null;
  totp_enabled?: boolean | null;
  mfa?: { configured?: boolean | null; exclusion?: boolean | null } | null;
  mfaEnrollment?: { overallStatus?: string | null } | null;
}
export interface JcAdmin extends Named {
  email: string;
  firstname?: string | null;
  lastname?: string | null;
  suspended?: boolean | null;
  enableMultiFactor?: boolean | null;
  totpEnrolled?: boolean | null;
}
export interface JcSystem extends Named {
  hostname?: string | null;
  os?: string | null;
  version?: string | null;
  lastContact?: string | null;
  serialNumber?: string | null;
  hwVendor?: string | null;
  fde?: { active?: boolean | null } | null;
  primarySystemUser?: { id?: string | null } | null;
}
export interface JcApplication extends Named {
  displayLabel?: string | null;
}
export interface GraphLink {
  to: { id: string; type: string };
}
export interface Assignee {
  id: string;
  type: string;
  paths?: GraphLink[][] | null;
}
export interface PolicyResult {
  systemID?: string | null;
  success?: boolean | null;
  state?: string | null;
  exitStatus?: number | null;
  endedAt?: string | null;
}
export interface AppleMdm {
  id: string;
  name?: string | null;
}
export interface AppleDevice {
  id: string;
  serialNumber?: string | null;
  udid?: string | null;
  osVersion?: string | null;
  mdmOsFamily?: string | null;
  modelFamily?: string | null;
  createdAt?: string | null;
  deviceInformation?: {
    deviceName?: string | null;
    modelName?: string | null;
    isSupervised?: boolean | null;
    deviceCapacity?: number | null;
  } | null;
}

export interface List<T> {
  list(o?: SignalOption): AsyncIterable<T>;
}
export interface Groups extends List<{ id: string; name: string }> {
  members(id: string, o?: SignalOption): AsyncIterable<GraphLink>;
}
export interface Apps extends List<JcApplication> {
  users(id: string, o?: SignalOption): AsyncIterable<Assignee>;
  userGroups(id: string, o?: SignalOption): AsyncIterable<Assignee>;
}
export interface Policies extends List<{ id: string; name: string }> {
  statuses(id: string, o?: SignalOption): AsyncIterable<PolicyResult>;
}
export interface Organizations extends List<Named> {
  get(id: string, o?: SignalOption): Promise<Named & { settings?: object | null }>;
}
export interface AppleMdms extends List<AppleMdm> {
  devices(id: string, o?: SignalOption): AsyncIterable<AppleDevice>;
}
/** The JumpCloud connector's sign-in member (`createJumpCloudConnector`'s `lastLogins`). */
export interface LastLogins {
  lastLoginLookbackDays?: number | undefined;
  lastLogins(o?: SignalOption): Promise<ReadonlyMap<string, Date> | undefined>;
}
