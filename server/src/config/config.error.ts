import type { ErrorCode } from '../common/error-codes';

/** A variable of the environment (or an override) that is not valid; the message names it. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID' satisfies ErrorCode;
}
