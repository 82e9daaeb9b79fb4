import type { KandjiUser } from './schemas/user.js';

/**
 * A reference to a user as a device or a Prism row carries it: `device.user`
 * (`{ legacyId, uuid, email }`) or a Prism row's `device__user_id` / `device__user_email`.
 */
export interface KandjiUserRef {
  /** The user's UUID, when the vendor sent one. */
  uuid?: string | null | undefined;
  /** The user's email address. */
  email?: string | null | undefined;
  /** The legacy integer id (as a string), the user's `deprecated_user_id`. */
  legacyId?: string | null | undefined;
}

/** How {@link KandjiUserIndex.find} matched a reference. */
export type KandjiUserMatch = 'uuid' | 'email' | 'legacyId';

/** Users from `users.list()`, indexed to resolve the references devices carry. */
export interface KandjiUserIndex {
  /**
   * The user a reference names, and how it matched: by UUID, else by email (trimmed, case
   * ignored), else by legacy id against `deprecated_user_id`. An email two users share matches
   * neither. `undefined` when nothing matches (the device's user is not synced, or was removed).
   */
  find(
    ref: KandjiUserRef | null | undefined,
  ): { user: KandjiUser; by: KandjiUserMatch } | undefined;
}

const emailKey = (email: string | null | undefined): string | undefined => {
  const key = email?.trim().toLowerCase();
  return key ? key : undefined;
};

/**
 * Indexes users so devices can be joined to them. Kandji's devices name their user by the legacy
 * integer id (`device.user.legacyId`), never by the UUID `users.list()` gives, so
 * `device.user.id === user.id` would match nothing; this joins by email first (the key both
 * sides carry), then by legacy id.
 *
 * @example
 * ```ts
 * const users = createKandjiUserIndex(await kandji.users.list().toArray());
 * for await (const device of kandji.devices.list()) {
 *   const owner = users.find(device.user)?.user; // a KandjiUser, or undefined
 * }
 * ```
 */
export function createKandjiUserIndex(users: Iterable<KandjiUser>): KandjiUserIndex {
  const byUuid = new Map<string, KandjiUser>();
  const byEmail = new Map<string, KandjiUser | null>(); // null: shared, ambiguous
  const byLegacy = new Map<string, KandjiUser>();
  for (const user of users) {
    byUuid.set(user.id.toLowerCase(), user);
    const email = emailKey(user.email);
    if (email) byEmail.set(email, byEmail.has(email) ? null : user);
    if (user.deprecated_user_id) byLegacy.set(user.deprecated_user_id, user);
  }
  return {
    find(ref) {
      if (!ref) return undefined;
      const uuid = ref.uuid ? byUuid.get(ref.uuid.toLowerCase()) : undefined;
      if (uuid) return { user: uuid, by: 'uuid' };
      const email = emailKey(ref.email);
      const byMail = email ? byEmail.get(email) : undefined;
      if (byMail) return { user: byMail, by: 'email' };
      const legacy = ref.legacyId ? byLegacy.get(ref.legacyId) : undefined;
      return legacy ? { user: legacy, by: 'legacyId' } : undefined;
    },
  };
}

/** The user reference of a Prism row (`device__user_id`, `device__user_email`). */
export function prismUserRef(row: {
  device__user_id: string | null;
  device__user_email: string | null;
}): KandjiUserRef {
  return { legacyId: row.device__user_id, email: row.device__user_email };
}
