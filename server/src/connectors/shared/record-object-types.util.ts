import type { SyncContext } from '../connector.port';

/** Object types the plan needs records for: every type with required fields, except opportunity (read by opportunities()). */
export function planRecordObjectTypes(requiredFields: SyncContext['requiredFields']): string[] {
  return Object.entries(requiredFields)
    .filter(([objectType, fields]) => objectType !== 'opportunity' && fields.length > 0)
    .map(([objectType]) => objectType);
}
