/** How a coded error is answered: HTTP status for the API, exit code for the CLI. */
export interface ErrorRule {
  status: number;
  exitCode: number;
  /** Said to API clients instead of the error's own message, which is for the operator (file paths, URLs). */
  httpMessage?: string;
}

/** The error codes of one domain, one row per code; combined in common/error-codes.ts. */
export type ErrorTable = Record<string, ErrorRule>;
