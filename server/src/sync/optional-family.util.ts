import { isFamilyPermissionError } from '../connectors/optional-family.error';

/** The optional families: a CRM that refuses them for want of a permission does not fail the run. */
const OPTIONAL_FAMILIES = new Set(['activities']);

interface PagedStep {
  entity: string;
  pages: () => Promise<AsyncIterable<unknown>>;
}

/**
 * Wraps an optional family's pages so that a FamilyPermissionError ends that family with a
 * warning ("Warning: activities not synced: ...", kept as the run's message in the run history)
 * instead of failing the run; pages already written stay. Other steps and errors pass unchanged.
 */
export function optionalFamily<S extends { entity: string }>(step: S, warnings: string[], progress: (message: string) => void): S {
  if (!OPTIONAL_FAMILIES.has(step.entity) || !('pages' in step)) return step;
  const paged = step as unknown as PagedStep;
  return {
    ...step,
    pages: async () => {
      const note = (error: unknown): void => {
        if (!isFamilyPermissionError(error)) throw error;
        const warning = `Warning: ${step.entity} not synced: ${error.message}`;
        warnings.push(warning);
        progress(warning);
      };
      let pages: AsyncIterable<unknown>;
      try {
        pages = await paged.pages();
      } catch (error) {
        note(error);
        return (async function* () {})();
      }
      return (async function* () {
        try {
          yield* pages;
        } catch (error) {
          note(error);
        }
      })();
    },
  };
}
