// The three vendors the demo connects to, in the order it shows them.

/** A vendor the demo reads. */
export type Vendor = 'hexnode' | 'kandji' | 'jumpcloud';

/** Display order: the device tools first, then the directory they are compared with. */
export const VENDORS: readonly Vendor[] = ['hexnode', 'kandji', 'jumpcloud'];

/** The vendor whose accounts count as "managed": the identity directory. */
export const DIRECTORY: Vendor = 'jumpcloud';
