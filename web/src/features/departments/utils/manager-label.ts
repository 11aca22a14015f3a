/**
 * How a person's manager is shown: their name; the id as given, marked unknown, when the manager_id
 * names no imported user (an import keeps it with a warning); null when there is no manager.
 */
export function managerLabel(person: { managerName: string | null; managerExternalId: string | null }): {
  text: string;
  unknown: boolean;
} | null {
  if (person.managerName) return { text: person.managerName, unknown: false };
  if (person.managerExternalId) return { text: `${person.managerExternalId} (unknown manager)`, unknown: true };
  return null;
}
