import { apportion, buildDemoCompany, DEMO_DEPARTMENTS } from './demo-company.util';

describe(apportion.name, () => {
  it('splits by largest remainder so the parts add up', () => {
    // 320 x (.22, .20, .14, .16, .12, .16) = 70.4, 64, 44.8, 51.2, 38.4, 51.2: floors add up to 318;
    // the two spare go to the largest remainders, .8 (APAC) then .4 (EMEA, first of the two .4s).
    expect(apportion(320, [0.22, 0.2, 0.14, 0.16, 0.12, 0.16])).toEqual([71, 64, 45, 51, 38, 51]);
  });
});

describe(buildDemoCompany.name, () => {
  const sut = buildDemoCompany('uptake', 320);

  it('has 320 people in the six departments and two service accounts', () => {
    expect(sut.people).toHaveLength(320);
    expect(sut.departments.map(({ profile, headCount }) => [profile.name, headCount])).toEqual([
      ['Sales EMEA', 71],
      ['Sales Americas', 64],
      ['Sales APAC', 45],
      ['Customer Success', 51],
      ['Marketing', 38],
      ['Inside Sales', 51],
    ]);
    expect(sut.serviceAccounts.map((account) => account.name)).toEqual(['Marketing Automation Sync', 'ERP Integration']);
  });

  it('gives departments of 40 or more two managers, smaller ones one, and every member a manager of their own department', () => {
    const managers = (name: string) => sut.people.filter((person) => person.department.name === name && person.isManager).length;
    expect(DEMO_DEPARTMENTS.map((department) => managers(department.name))).toEqual([2, 2, 2, 2, 1, 2]);
    const byId = new Map(sut.people.map((person) => [person.externalId, person]));
    for (const person of sut.people.filter((p) => !p.isManager)) {
      const manager = byId.get(person.managerExternalId!);
      expect(manager?.isManager).toBe(true);
      expect(manager?.department).toBe(person.department);
    }
  });

  it('has unique ids and e-mail addresses', () => {
    expect(new Set(sut.people.map((person) => person.externalId)).size).toBe(320);
    expect(new Set(sut.people.map((person) => person.email)).size).toBe(320);
  });

  it('tells a few stories: 1.25% leave (4), 1.5% have no licence (5), 4% join after the launch (13)', () => {
    expect(sut.people.filter((person) => person.deactivatedDay !== null)).toHaveLength(4);
    expect(sut.people.filter((person) => !person.licensed)).toHaveLength(5);
    expect(sut.people.filter((person) => person.createdDay > 0)).toHaveLength(13);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(buildDemoCompany('uptake', 320)).toEqual(sut);
    expect(buildDemoCompany('other', 320).people.map((person) => person.name)).not.toEqual(sut.people.map((person) => person.name));
  });
});
