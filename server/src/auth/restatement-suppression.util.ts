import type { Restatement, RestatementPage } from '@uptake/shared';
import { hiddenDepartments, isSmallGroup, ORGANISATION, type DaySizes, type PrivacyViewer } from './privacy-suppression.util';

/**
 * The restatement log as a viewer without people-level access may see it: an entry of a group
 * hidden on its day (fewer than min_group_size seat holders, or hidden to protect one: see
 * complementary-suppression.util.ts), or restating a small number of seat holders, keeps its day,
 * scope and metric but loses its values (`suppressed`), as series points do. The page and its
 * total stay as they are, so paging is the same for every role.
 */
export function suppressRestatements(
  page: RestatementPage,
  minGroupSize: number,
  viewer: PrivacyViewer,
  sizesByDay: ReadonlyMap<string, DaySizes>,
): RestatementPage {
  if (viewer.seesEveryone) return page;
  const hiddenByDay = new Map<string, ReturnType<typeof hiddenDepartments>>();
  const hiddenOn = (day: string, sizes: DaySizes) => {
    let hidden = hiddenByDay.get(day);
    if (!hidden) {
      const departments = [...sizes.departments].map(([department, seatHolders]) => ({ department, seatHolders }));
      hidden = hiddenDepartments(departments, sizes.organisation, minGroupSize, viewer);
      hiddenByDay.set(day, hidden);
    }
    return hidden;
  };
  const items = page.items.map((item): Restatement => {
    if (item.department !== ORGANISATION && viewer.seesPeopleOf(item.department)) return item;
    const sizes = sizesByDay.get(item.day);
    // a day without stored sizes: nothing says its groups were large enough
    const hidden = sizes ? hiddenOn(item.day, sizes) : null;
    const groupHidden = hidden === null || (item.department === ORGANISATION ? hidden.totalHidden : hidden.hidden.has(item.department));
    const smallCount =
      item.metric === 'seat_holders' && (isSmallGroup(item.oldValue, minGroupSize) || isSmallGroup(item.newValue, minGroupSize));
    return groupHidden || smallCount ? { ...item, oldValue: null, newValue: null, suppressed: true } : item;
  });
  return { ...page, items };
}
