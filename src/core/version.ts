import pkg from '../../package.json' with { type: 'json' };

/**
 * The package version (package.json's `version`), recorded in every run file.
 *
 * @example
 * VERSION; // '0.1.0'
 */
export const VERSION: string = pkg.version;
