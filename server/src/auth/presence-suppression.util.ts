import type { DepartmentPresenceResponse, PresenceOverviewResponse } from '@uptake/shared';
import { hidePresence } from '../presence/presence.util';
import { hiddenGroups } from './complementary-suppression.util';
import { hiddenDepartments, type DaySizes, type PrivacyViewer } from './privacy-suppression.util';

/**
 * Small groups hidden from "Presence and work" (DESIGN.md "Privacy"), as the metrics report hides
 * them: the same departments are hidden (with complementary suppression), since the quadrants are
 * aggregates over the same seat holders. Group sizes stay visible. Pure functions.
 */

/** GET /api/presence: departments (and the organisation) hidden as in the report of that day. */
export function suppressPresenceOverview(
  presence: PresenceOverviewResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
): PresenceOverviewResponse {
  const { hidden, totalHidden } = hiddenDepartments(presence.departments, presence.organisation.seatHolders, minGroupSize, viewer);
  if (hidden.size === 0 && !totalHidden) return presence;
  return {
    ...presence,
    departments: presence.departments.map((entry) => (hidden.has(entry.department) ? hidePresence(entry) : entry)),
    organisation: totalHidden ? hidePresence(presence.organisation) : presence.organisation,
  };
}

/**
 * GET /api/departments/:name/presence: whole for a viewer who sees the department's people.
 * Otherwise hidden whole when the department is hidden among the departments of that day
 * (`sizes`), and per manager: groups of direct reports smaller than `minGroupSize`, plus further
 * groups until what is hidden cannot be worked out from the department's total (which is hidden
 * too when no further group can be).
 */
export function suppressDepartmentPresence(
  presence: DepartmentPresenceResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
  sizes: DaySizes,
): DepartmentPresenceResponse {
  if (viewer.seesPeopleOf(presence.department)) return presence;
  const departments = hiddenDepartments(
    [...sizes.departments].map(([department, seatHolders]) => ({ department, seatHolders })),
    sizes.organisation,
    minGroupSize,
    viewer,
  );
  const keyOf = (managerExternalId: string | null) => managerExternalId ?? '\u0000none';
  if (departments.hidden.has(presence.department) || (presence.total.seatHolders > 0 && presence.total.seatHolders < minGroupSize)) {
    return { ...presence, total: hidePresence(presence.total), byManager: presence.byManager.map(hidePresence) };
  }
  const { hidden, totalHidden } = hiddenGroups(
    presence.byManager.map((group) => ({ name: keyOf(group.managerExternalId), size: group.seatHolders, seen: false })),
    { size: presence.total.seatHolders, seen: false },
    minGroupSize,
  );
  if (hidden.size === 0 && !totalHidden) return presence;
  return {
    ...presence,
    total: totalHidden ? hidePresence(presence.total) : presence.total,
    byManager: presence.byManager.map((group) => (hidden.has(keyOf(group.managerExternalId)) ? hidePresence(group) : group)),
  };
}
