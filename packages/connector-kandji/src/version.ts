import pkg from '../package.json' with { type: 'json' };

/** This package's version, as published. */
export const VERSION: string = pkg.version;

/** The User-Agent every request carries: `@org/connector-kandji/<version>`. */
export const USER_AGENT = `${pkg.name}/${pkg.version}`;
