import { hexnode } from './hexnode.js';
import { jumpcloud } from './jumpcloud.js';
import { kandji } from './kandji.js';
import type { AnyVendorMapping } from './mapping.js';
import { okta } from './okta.js';

/** Every vendor a connections file may name, by its `vendor` value. */
export const VENDORS: Readonly<Record<string, AnyVendorMapping>> = {
  hexnode,
  kandji,
  jumpcloud,
  okta,
};

/** The vendor names, for messages. */
export const VENDOR_NAMES = Object.keys(VENDORS);
