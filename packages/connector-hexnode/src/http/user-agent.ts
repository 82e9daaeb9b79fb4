import pkg from '../../package.json' with { type: 'json' };

/** `User-Agent` of every request: `@org/connector-hexnode/<version>`, read from package.json at build. */
export const USER_AGENT = `${pkg.name}/${pkg.version}`;
