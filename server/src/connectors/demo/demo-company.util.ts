import { hashText, randomFor, STREAM } from './demo-random.util';

/** Where a department works: decides names, legal forms and phone numbers of its customers. */
export type DemoRegion = 'EMEA' | 'Americas' | 'APAC';

/** What a department's people do with opportunities. */
export type DemoSalesMotion = 'deals' | 'small_deals' | 'renewals' | 'none';

/** The behaviour of one department of the demo company; the knobs that make departments differ. */
export interface DemoDepartmentProfile {
  name: string;
  region: DemoRegion;
  /** Share of the company's people in this department. */
  share: number;
  managerRole: string;
  memberRoles: readonly string[];
  motion: DemoSalesMotion;
  /** Working hours in UTC, [from, to): logins and edits happen in them. */
  hours: readonly [number, number];
  /**
   * Adoption ramp: a share `adopters` of the people eventually use the CRM daily; the day each
   * starts is logistic around `midpointDays` after launch, so the department's daily login
   * probability follows a logistic curve.
   */
  adoption: { adopters: number; midpointDays: number; spreadDays: number };
  /** Weekday login probability of someone who adopted (drawn per person in this range). */
  intensity: readonly [number, number];
  /** Highest personal share of mobile logins. */
  mobileShare: number;
  pipeline: {
    /** Chance per login day that a new opportunity is entered. */
    createPerLoginDay: number;
    /** Chance per login day that an open, cared-for opportunity is touched. */
    touchPerLoginDay: number;
    /** Share of new opportunities that are never touched again. */
    neglected: number;
    /** Chance that touching an opportunity whose close date passed moves the close date. */
    closeDateHygiene: number;
    /** Chance per login day of closing one stale opportunity as lost (pipeline clean-up). */
    cleanUpPerLoginDay: number;
    /** Share of lost opportunities that the owner later deletes. */
    deleteLost: number;
  };
  dataQuality: {
    /** Chance that a field of a newly entered record is left empty or a placeholder. */
    blank: number;
    /** Chance per login day of completing one field of an incomplete record. */
    fixPerLoginDay: number;
  };
  training: {
    /** Chance that a person ever completes a given required course. */
    completes: number;
    /** Mean days from the start of training to completion. */
    meanDays: number;
  };
}

export const DEMO_DEPARTMENTS: readonly DemoDepartmentProfile[] = [
  {
    name: 'Sales EMEA',
    region: 'EMEA',
    share: 0.22,
    managerRole: 'Sales Manager',
    memberRoles: ['Account Executive', 'Account Executive', 'Senior Account Executive', 'Sales Engineer'],
    motion: 'deals',
    hours: [7, 18],
    adoption: { adopters: 0.92, midpointDays: 16, spreadDays: 6 },
    intensity: [0.6, 0.95],
    mobileShare: 0.35,
    pipeline: {
      createPerLoginDay: 0.2,
      touchPerLoginDay: 0.3,
      neglected: 0.1,
      closeDateHygiene: 0.75,
      cleanUpPerLoginDay: 0.12,
      deleteLost: 0.04,
    },
    dataQuality: { blank: 0.12, fixPerLoginDay: 0.3 },
    training: { completes: 0.97, meanDays: 10 },
  },
  {
    name: 'Sales Americas',
    region: 'Americas',
    share: 0.2,
    managerRole: 'Sales Manager',
    memberRoles: ['Account Executive', 'Account Executive', 'Senior Account Executive', 'Sales Engineer'],
    motion: 'deals',
    hours: [13, 23],
    adoption: { adopters: 0.87, midpointDays: 26, spreadDays: 9 },
    intensity: [0.55, 0.9],
    mobileShare: 0.4,
    pipeline: {
      createPerLoginDay: 0.22,
      touchPerLoginDay: 0.28,
      neglected: 0.12,
      closeDateHygiene: 0.65,
      cleanUpPerLoginDay: 0.1,
      deleteLost: 0.06,
    },
    dataQuality: { blank: 0.15, fixPerLoginDay: 0.25 },
    training: { completes: 0.96, meanDays: 14 },
  },
  {
    name: 'Sales APAC',
    region: 'APAC',
    share: 0.14,
    managerRole: 'Sales Manager',
    memberRoles: ['Account Executive', 'Account Executive', 'Senior Account Executive'],
    motion: 'deals',
    hours: [0, 10],
    adoption: { adopters: 0.3, midpointDays: 40, spreadDays: 14 },
    intensity: [0.45, 0.85],
    mobileShare: 0.3,
    pipeline: {
      createPerLoginDay: 0.3,
      touchPerLoginDay: 0.2,
      neglected: 0.35,
      closeDateHygiene: 0.2,
      cleanUpPerLoginDay: 0.02,
      deleteLost: 0.25,
    },
    dataQuality: { blank: 0.4, fixPerLoginDay: 0.04 },
    training: { completes: 0.62, meanDays: 35 },
  },
  {
    name: 'Customer Success',
    region: 'EMEA',
    share: 0.16,
    managerRole: 'Customer Success Lead',
    memberRoles: ['Customer Success Manager', 'Customer Success Manager', 'Onboarding Specialist'],
    motion: 'renewals',
    hours: [7, 18],
    adoption: { adopters: 0.89, midpointDays: 20, spreadDays: 8 },
    intensity: [0.6, 0.95],
    mobileShare: 0.1,
    pipeline: {
      createPerLoginDay: 0.08,
      touchPerLoginDay: 0.25,
      neglected: 0.08,
      closeDateHygiene: 0.8,
      cleanUpPerLoginDay: 0.1,
      deleteLost: 0.02,
    },
    dataQuality: { blank: 0.1, fixPerLoginDay: 0.3 },
    training: { completes: 0.97, meanDays: 9 },
  },
  {
    name: 'Marketing',
    region: 'EMEA',
    share: 0.12,
    managerRole: 'Marketing Lead',
    memberRoles: ['Campaign Manager', 'Marketing Operations Specialist', 'Content Marketer'],
    motion: 'none',
    hours: [8, 18],
    adoption: { adopters: 0.78, midpointDays: 34, spreadDays: 12 },
    intensity: [0.45, 0.8],
    mobileShare: 0.08,
    pipeline: { createPerLoginDay: 0, touchPerLoginDay: 0, neglected: 0, closeDateHygiene: 0, cleanUpPerLoginDay: 0, deleteLost: 0 },
    dataQuality: { blank: 0.15, fixPerLoginDay: 0.2 },
    training: { completes: 0.95, meanDays: 16 },
  },
  {
    name: 'Inside Sales',
    region: 'Americas',
    share: 0.16,
    managerRole: 'Inside Sales Manager',
    memberRoles: ['Sales Development Rep', 'Sales Development Rep', 'Inside Sales Rep'],
    motion: 'small_deals',
    hours: [12, 22],
    adoption: { adopters: 0.95, midpointDays: 11, spreadDays: 5 },
    intensity: [0.7, 0.98],
    mobileShare: 0.12,
    pipeline: {
      createPerLoginDay: 0.35,
      touchPerLoginDay: 0.35,
      neglected: 0.1,
      closeDateHygiene: 0.7,
      cleanUpPerLoginDay: 0.15,
      deleteLost: 0.05,
    },
    dataQuality: { blank: 0.1, fixPerLoginDay: 0.35 },
    training: { completes: 0.98, meanDays: 8 },
  },
];

/** The department that visibly lags behind (the story the demo tells). */
export const DEMO_LAGGING_DEPARTMENT = 'Sales APAC';

export const DEMO_EMAIL_DOMAIN = 'helio-systems.example';

/** One person of the demo company. Days are whole days relative to the launch day (negative: before). */
export interface DemoPerson {
  /** 1-based; keys the person's randomness. */
  number: number;
  externalId: string;
  name: string;
  email: string;
  department: DemoDepartmentProfile;
  role: string;
  isManager: boolean;
  managerExternalId: string | null;
  licensed: boolean;
  createdDay: number;
  createdMinute: number;
  /** The day the account is deactivated (the person left); null: never. */
  deactivatedDay: number | null;
  deactivatedMinute: number;
  /** Whether the person ever takes the CRM up, and from which day. */
  adopter: boolean;
  adoptionDay: number;
  /** Weekday login probability once adopted. */
  intensity: number;
  mobileShare: number;
  failedLoginShare: number;
}

/** An integration (service) account: logs in through the API on a fixed schedule, every day. */
export interface DemoServiceAccount {
  number: number;
  externalId: string;
  name: string;
  email: string;
  department: string;
  role: string;
  createdDay: number;
  createdMinute: number;
  /** Minutes after midnight (UTC) of each day's API login. */
  runsAtMinutes: readonly number[];
}

export interface DemoCompany {
  seedHash: number;
  /** Departments in display order with their head count (people, without service accounts). */
  departments: ReadonlyArray<{ profile: DemoDepartmentProfile; headCount: number }>;
  people: readonly DemoPerson[];
  serviceAccounts: readonly DemoServiceAccount[];
}

const FIRST_NAMES = [
  'Aisha',
  'Akira',
  'Alejandro',
  'Amara',
  'Anna',
  'Arjun',
  'Ben',
  'Camille',
  'Carlos',
  'Chen',
  'Chloe',
  'Daniel',
  'Diego',
  'Elena',
  'Emma',
  'Fatima',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Isabel',
  'Jakob',
  'James',
  'Jin',
  'Julia',
  'Kai',
  'Kavya',
  'Lars',
  'Laura',
  'Leila',
  'Liam',
  'Lucas',
  'Maya',
  'Mei',
  'Mohammed',
  'Nadia',
  'Noah',
  'Nora',
  'Olivia',
  'Omar',
  'Paula',
  'Priya',
  'Rafael',
  'Rin',
  'Rosa',
  'Samuel',
  'Sara',
  'Sofia',
  'Tariq',
  'Thomas',
  'Valentina',
  'Wei',
  'Yara',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Adeyemi',
  'Almeida',
  'Andersen',
  'Bauer',
  'Becker',
  'Bianchi',
  'Brown',
  'Castillo',
  'Chen',
  'Costa',
  'Dubois',
  'Eriksson',
  'Fischer',
  'Garcia',
  'Gupta',
  'Haddad',
  'Hansen',
  'Hoffmann',
  'Ito',
  'Jansen',
  'Kaur',
  'Kim',
  'Kowalski',
  'Laurent',
  'Lee',
  'Lindqvist',
  'Lopez',
  'Martin',
  'Meyer',
  'Moreau',
  'Muller',
  'Nakamura',
  'Nguyen',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Pereira',
  'Rossi',
  'Sato',
  'Schmidt',
  'Silva',
  'Singh',
  'Smith',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Van Dijk',
  'Wagner',
  'Wang',
  'Weber',
  'Wilson',
  'Yamamoto',
  'Zhang',
];

/** Splits `total` by shares, rounding by largest remainder so the parts add up to `total`. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const parts = exact.map(Math.floor);
  let missing = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    parts[index]++;
    missing--;
  }
  return parts;
}

function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
}

/**
 * Builds the people of the demo company from the seed: departments, managers, roles, who joins
 * late, who leaves, who never gets a licence, and each person's adoption traits. Days are relative
 * to the launch, so the company is the same whatever the launch date.
 */
export function buildDemoCompany(seed: string, peopleCount: number): DemoCompany {
  const seedHash = hashText(seed);
  const headCounts = apportion(
    peopleCount,
    DEMO_DEPARTMENTS.map((department) => department.share),
  );
  const people: DemoPerson[] = [];
  const usedEmails = new Set<string>();
  const pad = Math.max(5, String(peopleCount).length);

  DEMO_DEPARTMENTS.forEach((department, departmentIndex) => {
    const headCount = headCounts[departmentIndex];
    const managerCount = headCount >= 40 ? 2 : 1;
    const managerIds: string[] = [];
    for (let position = 0; position < headCount; position++) {
      const number = people.length + 1;
      const random = randomFor(seedHash, STREAM.traits, number);
      const isManager = position < managerCount;
      const externalId = `demo-user-${String(number).padStart(pad, '0')}`;
      if (isManager) managerIds.push(externalId);
      const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      let email = `${emailLocalPart(name)}@${DEMO_EMAIL_DOMAIN}`;
      for (let suffix = 2; usedEmails.has(email); suffix++) email = `${emailLocalPart(name)}${suffix}@${DEMO_EMAIL_DOMAIN}`;
      usedEmails.add(email);
      const { midpointDays, spreadDays } = department.adoption;
      people.push({
        number,
        externalId,
        name,
        email,
        department,
        role: isManager ? department.managerRole : random.pick(department.memberRoles),
        isManager,
        managerExternalId: isManager ? null : managerIds[position % managerIds.length],
        licensed: true,
        createdDay: isManager ? -random.int(30, 90) : -random.int(3, 60),
        createdMinute: random.int(8 * 60, 17 * 60),
        deactivatedDay: null,
        deactivatedMinute: random.int(9 * 60, 18 * 60),
        // Managers lead the way: they adopt (a little) more often and earlier.
        adopter: random.chance(isManager ? Math.min(1, department.adoption.adopters + 0.25) : department.adoption.adopters),
        adoptionDay: Math.max(0, Math.round(random.logistic(midpointDays * (isManager ? 0.6 : 1), spreadDays))),
        intensity: random.between(department.intensity[0], department.intensity[1]),
        mobileShare: random.between(0, department.mobileShare),
        failedLoginShare: random.between(0.01, 0.06),
      });
    }
  });

  // A few people with a story: they leave, never get a licence, or join after the launch.
  const storyRandom = randomFor(seedHash, STREAM.company, 1);
  const members = storyRandom.shuffle(people.filter((person) => !person.isManager));
  const leaving = Math.max(2, Math.round(peopleCount * 0.0125));
  const unlicensed = Math.max(2, Math.round(peopleCount * 0.015));
  const joining = Math.max(3, Math.round(peopleCount * 0.04));
  members.slice(0, leaving).forEach((person) => {
    person.deactivatedDay = storyRandom.int(20, 100);
  });
  members.slice(leaving, leaving + unlicensed).forEach((person) => {
    person.licensed = false;
  });
  members.slice(leaving + unlicensed, leaving + unlicensed + joining).forEach((person) => {
    person.createdDay = storyRandom.int(7, 110);
    // Newcomers join a team that already works in the CRM: they take it up within days.
    person.adoptionDay = person.createdDay + Math.round(storyRandom.exponential(6));
  });

  const serviceNumber = peopleCount + 1;
  const serviceAccounts: DemoServiceAccount[] = [
    {
      number: serviceNumber,
      externalId: 'demo-service-marketing-sync',
      name: 'Marketing Automation Sync',
      email: `marketing-sync@${DEMO_EMAIL_DOMAIN}`,
      department: 'Marketing',
      role: 'Integration User',
      createdDay: -21,
      createdMinute: 10 * 60,
      // Every two hours at five past.
      runsAtMinutes: Array.from({ length: 12 }, (_, index) => index * 120 + 5),
    },
    {
      number: serviceNumber + 1,
      externalId: 'demo-service-erp',
      name: 'ERP Integration',
      email: `erp-integration@${DEMO_EMAIL_DOMAIN}`,
      department: 'Sales EMEA',
      role: 'Integration User',
      createdDay: -14,
      createdMinute: 11 * 60,
      runsAtMinutes: [90, 450, 810, 1170],
    },
  ];

  return {
    seedHash,
    departments: DEMO_DEPARTMENTS.map((profile, index) => ({ profile, headCount: headCounts[index] })),
    people,
    serviceAccounts,
  };
}
