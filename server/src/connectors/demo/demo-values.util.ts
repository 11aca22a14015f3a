import type { DemoRegion } from './demo-company.util';
import type { SeededRandom } from './demo-random.util';

/** What reps type to get past a field: nothing, blanks or placeholders (none of it counts as filled). */
export const DEMO_BLANK_VALUES: ReadonlyArray<string | null> = [null, '', '   ', 'n/a', 'N/A', 'unknown', '-', 'TBD', 'none'];

const BLANKS: ReadonlySet<string | null> = new Set(DEMO_BLANK_VALUES);

/**
 * Whether a value the demo wrote is one of its blanks. Same answer as `isFieldFilled` (negated) for
 * every value the demo writes, without trimming and lower-casing each time.
 */
export function isDemoBlank(value: string | null | undefined): boolean {
  return value === undefined || BLANKS.has(value);
}

export function blankValue(random: SeededRandom): string | null {
  return random.pick(DEMO_BLANK_VALUES);
}

/** `value()` most of the time, a blank or placeholder with chance `blank`. */
export function valueOrBlank(random: SeededRandom, blank: number, value: () => string): string | null {
  return random.chance(blank) ? blankValue(random) : value();
}

const NAME_STARTS = [
  'Apex',
  'Aurora',
  'Blue',
  'Cedar',
  'Delta',
  'Ever',
  'Fjord',
  'Granite',
  'Harbor',
  'Iron',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Maple',
  'Nimbus',
  'Orion',
  'Pioneer',
  'Quartz',
  'River',
  'Summit',
  'Terra',
  'Union',
  'Vertex',
  'Willow',
  'Zenith',
];
const NAME_ENDS = [
  'Logistics',
  'Foods',
  'Health',
  'Energy',
  'Retail',
  'Bank',
  'Motors',
  'Labs',
  'Media',
  'Pharma',
  'Textiles',
  'Systems',
  'Airlines',
  'Insurance',
  'Robotics',
  'Hotels',
  'Chemicals',
  'Telecom',
];
const LEGAL_FORMS_BY_REGION: Record<DemoRegion, readonly string[]> = {
  EMEA: ['GmbH', 'Ltd', 'SA', 'BV', 'AB', 'SpA', 'AG'],
  Americas: ['Inc', 'LLC', 'Corp', 'Ltda', 'SA de CV'],
  APAC: ['Pty Ltd', 'KK', 'Pte Ltd', 'Co Ltd', 'Ltd'],
};
export const INDUSTRIES = [
  'Manufacturing',
  'Retail',
  'Financial Services',
  'Healthcare',
  'Logistics',
  'Energy',
  'Media',
  'Software',
  'Hospitality',
  'Public Sector',
];
export const CONTACT_TITLES = [
  'Head of Sales',
  'Procurement Manager',
  'CFO',
  'IT Director',
  'Operations Manager',
  'CEO',
  'Buyer',
  'Project Lead',
  'CTO',
  'Office Manager',
];
export const NEXT_STEPS = [
  'Send proposal',
  'Schedule demo',
  'Follow-up call',
  'Meet decision maker',
  'Negotiate terms',
  'Send contract',
  'Security review',
  'Pricing approval',
  'Workshop with IT',
  'Reference call',
];
export const OPPORTUNITY_PRODUCTS = ['Platform licence', 'Expansion', 'Pilot', 'Professional services', 'Upgrade', 'New business'];
const CONTACT_FIRST_NAMES = [
  'Alex',
  'Beatriz',
  'Chiara',
  'David',
  'Eva',
  'Farid',
  'Greta',
  'Hiro',
  'Ivan',
  'Jana',
  'Kenji',
  'Lena',
  'Marco',
  'Nina',
  'Oskar',
  'Pia',
  'Ravi',
  'Sven',
  'Tomoko',
  'Ursula',
];
const CONTACT_LAST_NAMES = [
  'Berg',
  'Cruz',
  'Dietrich',
  'Evans',
  'Fontaine',
  'Gallo',
  'Horvat',
  'Ivanova',
  'Jensen',
  'Kato',
  'Lund',
  'Mendes',
  'Nowak',
  'Ortiz',
  'Park',
  'Quinn',
  'Reyes',
  'Sandberg',
  'Tan',
  'Ueda',
];

export function companyName(random: SeededRandom, region: DemoRegion): string {
  return `${random.pick(NAME_STARTS)} ${random.pick(NAME_ENDS)} ${random.pick(LEGAL_FORMS_BY_REGION[region])}`;
}

export function websiteOf(domain: string): string {
  return `https://www.${domain}.example`;
}

/** The name as a domain label: "Apex Foods GmbH" -> "apex-foods-gmbh". */
export function slugOf(company: string): string {
  return company
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const PHONE_PREFIXES: Record<DemoRegion, readonly string[]> = {
  EMEA: ['+44 20', '+49 30', '+33 1', '+46 8'],
  Americas: ['+1 212', '+1 415', '+55 11'],
  APAC: ['+81 3', '+61 2', '+65 6'],
};

export function phoneNumber(random: SeededRandom, region: DemoRegion): string {
  return `${random.pick(PHONE_PREFIXES[region])} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`;
}

export function contactName(random: SeededRandom): { first: string; last: string } {
  return { first: random.pick(CONTACT_FIRST_NAMES), last: random.pick(CONTACT_LAST_NAMES) };
}
