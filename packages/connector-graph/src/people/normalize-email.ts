/** How emails are compared to join people across vendors. */
export interface EmailNormalization {
  /**
   * Domains that are the same mailbox domain: alias → canonical, such as
   * `{ 'acme.io': 'acme.com', 'old-acme.com': 'acme.com' }`. Compared case-insensitively.
   */
  domainAliases?: Readonly<Record<string, string>> | undefined;
  /** Drop `+tag` from the local part (`ada+mdm@acme.com` → `ada@acme.com`); default true. */
  plusAddressing?: boolean | undefined;
}

/**
 * The key a person is joined by: the email lower-cased and trimmed, `+tag` dropped, the domain
 * mapped through its aliases. `undefined` for anything that is not an email.
 */
export function normalizeEmail(
  email: string | null | undefined,
  options: EmailNormalization = {},
): string | undefined {
  const value = email?.trim().toLowerCase();
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return undefined;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);
  if (options.plusAddressing !== false) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  const aliases = options.domainAliases;
  if (aliases) {
    for (const [alias, canonical] of Object.entries(aliases)) {
      if (alias.toLowerCase() === domain) {
        domain = canonical.toLowerCase();
        break;
      }
    }
  }
  return `${local}@${domain}`;
}
