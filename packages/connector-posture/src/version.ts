import pkg from '../package.json' with { type: 'json' };

/** This package's version, as published: what OCSF records name as the product version. */
export const VERSION: string = pkg.version;
