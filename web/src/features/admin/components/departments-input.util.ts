/** "Sales EMEA, Support" -> ["Sales EMEA", "Support"]: trimmed, empty parts and repeats dropped. */
export function parseDepartments(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))];
}

export function formatDepartments(departments: readonly string[]): string {
  return departments.join(', ');
}
