import type { DepartmentPresenceResponse, PresenceGroup, PresenceOverviewResponse } from '@uptake/shared';
import { suppressDepartmentPresence, suppressPresenceOverview } from './presence-suppression.util';
import type { DaySizes, PrivacyViewer } from './privacy-suppression.util';

const MIN = 5;
const viewer = (departments: string[] = []): PrivacyViewer => ({
  seesEveryone: false,
  seesPeopleOf: (department) => departments.includes(department),
});

/** A group of `size` people, all of whom log in and work. */
function group(size: number): PresenceGroup {
  return {
    seatHolders: size,
    activeUsers: size ? 1 : null,
    activeContributors: size ? 1 : null,
    quadrants: { logs_in_and_works: size, logs_in_only: 0, works_only: 0, neither: 0 },
  };
}
const hidden = (size: number) => ({
  seatHolders: size,
  activeUsers: null,
  activeContributors: null,
  quadrants: { logs_in_and_works: null, logs_in_only: null, works_only: null, neither: null },
  suppressed: true,
});

describe('presence suppression', () => {
  const overview: PresenceOverviewResponse = {
    asOf: '2026-03-10',
    departments: [
      { department: 'Legal', ...group(2) },
      { department: 'Sales', ...group(20) },
      { department: 'Support', ...group(6) },
    ],
    organisation: group(28),
  };

  it('hides a small department and the next smallest, so that it cannot be worked out from the organisation', () => {
    const result = suppressPresenceOverview(overview, MIN, viewer());
    expect(result.departments).toEqual([
      { department: 'Legal', ...hidden(2) },
      { department: 'Sales', ...group(20) },
      { department: 'Support', ...hidden(6) }, // complementary: Legal alone would be organisation minus the others
    ]);
    expect(result.organisation).toEqual(group(28));
  });

  it('shows a trainer the departments assigned to them, and an admin everything', () => {
    expect(suppressPresenceOverview(overview, MIN, viewer(['Legal'])).departments[0]).toEqual({ department: 'Legal', ...group(2) });
    expect(suppressPresenceOverview(overview, MIN, { seesEveryone: true, seesPeopleOf: () => true })).toBe(overview);
  });

  describe('of one department per manager', () => {
    const sizes: DaySizes = {
      organisation: 28,
      departments: new Map([
        ['Legal', 2],
        ['Sales', 20],
        ['Support', 6],
      ]),
    };
    const sales: DepartmentPresenceResponse = {
      asOf: '2026-03-10',
      department: 'Sales',
      total: group(20),
      byManager: [
        { managerExternalId: 'm1', managerName: 'Ann', ...group(12) },
        { managerExternalId: 'm2', managerName: 'Bob', ...group(5) },
        { managerExternalId: null, managerName: 'No manager', ...group(3) },
      ],
    };

    it('hides a small team and the next smallest, keeping the department total', () => {
      const result = suppressDepartmentPresence(sales, MIN, viewer(), sizes);
      expect(result.total).toEqual(group(20));
      expect(result.byManager).toEqual([
        { managerExternalId: 'm1', managerName: 'Ann', ...group(12) },
        { managerExternalId: 'm2', managerName: 'Bob', ...hidden(5) }, // complementary to the 3 without a manager
        { managerExternalId: null, managerName: 'No manager', ...hidden(3) },
      ]);
    });

    it('hides everything of a department hidden among the departments of the day', () => {
      const support: DepartmentPresenceResponse = {
        asOf: '2026-03-10',
        department: 'Support',
        total: group(6),
        byManager: [{ managerExternalId: 'm3', managerName: 'Cy', ...group(6) }],
      };
      const result = suppressDepartmentPresence(support, MIN, viewer(), sizes);
      expect(result.total).toEqual(hidden(6));
      expect(result.byManager).toEqual([{ managerExternalId: 'm3', managerName: 'Cy', ...hidden(6) }]);
    });

    it('shows the people-level viewer of the department everything', () => {
      expect(suppressDepartmentPresence(sales, MIN, viewer(['Sales']), sizes)).toBe(sales);
    });
  });
});
