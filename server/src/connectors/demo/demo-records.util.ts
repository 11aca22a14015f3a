import type { CrmRecord, FieldValues } from '../connector.port';
import { dayIndexOf, dayLabel, DAY_MS, HOUR_MS, MINUTE_MS } from './demo-clock.util';
import type { DemoCompany, DemoPerson } from './demo-company.util';
import { randomFor, type SeededRandom, STREAM } from './demo-random.util';
import { NowCutoff } from './demo-timeline.util';
import {
  companyName,
  contactName,
  CONTACT_TITLES,
  INDUSTRIES,
  isDemoBlank,
  phoneNumber,
  slugOf,
  valueOrBlank,
  websiteOf,
} from './demo-values.util';
import { editTime, type WorkCalendar, workCalendars, type WorkCalendars } from './demo-workday.util';

export const DEMO_RECORD_OBJECT_TYPES = ['account', 'contact'] as const;
export type DemoRecordObjectType = (typeof DEMO_RECORD_OBJECT_TYPES)[number];

/** The fields reps are asked to fill, per object type (the demo launch plan requires the same). */
export const DEMO_KEY_FIELDS: Record<DemoRecordObjectType, readonly string[]> = {
  account: ['industry', 'phone', 'website'],
  contact: ['email', 'phone', 'title'],
};

/** Chance that a field of a record migrated from the previous system is blank. */
const LEGACY_BLANK = 0.35;
/** `changedDay` of a record not edited since it was created. */
const NEVER_CHANGED = Number.MIN_SAFE_INTEGER;
/** Keys the randomness of the migrated records, apart from any simulated day. */
const LEGACY_KEY = -1_000_000;

interface SimRecord {
  objectType: DemoRecordObjectType;
  externalId: string;
  ownerExternalId: string;
  createdAt: number;
  lastModifiedAt: number;
  fields: FieldValues;
  changedDay: number;
  /** Accounts: the customer's domain label, for its website and its contacts' e-mail addresses. */
  domain: string | null;
}

/**
 * Simulates the accounts and contacts of every person: the ones migrated at the launch (with
 * their original dates and many blanks), new ones entered on the days people log in, and blanks
 * filled in later by the diligent. Returns the records as the CRM shows them at `now`, ordered
 * by last modification.
 */
export function simulateRecords(
  company: DemoCompany,
  launchAt: number,
  now: number,
  calendars: WorkCalendars = workCalendars(company, launchAt, dayIndexOf(launchAt, now)),
): CrmRecord[] {
  const cutoff = new NowCutoff<SimRecord>(now, (item) => ({ ...item, fields: { ...item.fields } }));
  const visible: CrmRecord[] = [];
  for (const person of company.people) {
    for (const record of simulateOwner(company, person, launchAt, calendars(person), cutoff)) {
      const shown = cutoff.visible(record);
      if (shown) {
        visible.push({
          objectType: shown.objectType,
          externalId: shown.externalId,
          ownerExternalId: shown.ownerExternalId,
          createdAt: shown.createdAt,
          lastModifiedAt: shown.lastModifiedAt,
          deleted: false,
          fields: shown.fields,
        });
      }
    }
  }
  return visible.sort((a, b) => a.lastModifiedAt! - b.lastModifiedAt! || (a.externalId < b.externalId ? -1 : 1));
}

function simulateOwner(
  company: DemoCompany,
  person: DemoPerson,
  launchAt: number,
  calendar: WorkCalendar,
  cutoff: NowCutoff<SimRecord>,
): SimRecord[] {
  const records = person.createdDay < 0 ? migratedRecords(company, person, launchAt) : [];
  const accounts = records.filter((record) => record.objectType === 'account');
  const incomplete = records.filter((record) => missingKeyField(record) !== null);
  const add = (record: SimRecord, day: number) => {
    record.changedDay = day;
    records.push(record);
    if (record.objectType === 'account') accounts.push(record);
    if (missingKeyField(record) !== null) incomplete.push(record);
  };
  const sells = person.department.motion !== 'none';
  for (let day = Math.max(0, person.createdDay + 1); day <= calendar.lastDay; day++) {
    const workStart = calendar.startOn(day);
    if (workStart === null) continue;
    const random = randomFor(company.seedHash, STREAM.records, person.number, day);
    const { blank, fixPerLoginDay } = person.department.dataQuality;
    const label = dayLabel(launchAt, day);

    if (random.chance(fixPerLoginDay)) {
      const candidates = incomplete.filter((record) => record.changedDay !== day);
      if (candidates.length > 0) {
        const record = random.pick(candidates);
        const at = editTime(random, workStart, launchAt, day);
        cutoff.beforeChange(record, at);
        const field = missingKeyField(record)!;
        record.fields[field] = goodValue(field, record, random, person);
        record.lastModifiedAt = at;
        record.changedDay = day;
        if (missingKeyField(record) === null) incomplete.splice(incomplete.indexOf(record), 1);
      }
    }

    if (sells && random.chance(0.1)) {
      const at = editTime(random, workStart, launchAt, day);
      const account = newAccount(`demo-account-${person.number}-${label}`, person, at, random, blank);
      add(account, day);
      const contacts = random.int(1, 3);
      for (let index = 0; index < contacts; index++) {
        add(
          newContact(`demo-contact-${person.number}-${label}-${index}`, person, account, at + (index + 1) * MINUTE_MS, random, blank),
          day,
        );
      }
    } else if (random.chance(sells ? 0.05 : 0.15)) {
      // A contact met at an event (marketing) or added to an existing account.
      const account = sells && accounts.length > 0 ? random.pick(accounts) : null;
      add(
        newContact(`demo-contact-${person.number}-${label}-x`, person, account, editTime(random, workStart, launchAt, day), random, blank),
        day,
      );
    }
  }
  return records;
}

function migratedRecords(company: DemoCompany, person: DemoPerson, launchAt: number): SimRecord[] {
  const random = randomFor(company.seedHash, STREAM.records, person.number, LEGACY_KEY);
  const records: SimRecord[] = [];
  const createdAt = () => launchAt - random.int(2, 400) * DAY_MS + random.int(8, 17) * HOUR_MS + random.int(0, 3599) * 1000;
  if (person.department.motion === 'none') {
    const count = random.int(5, 12);
    for (let index = 0; index < count; index++) {
      records.push(newContact(`demo-contact-${person.number}-legacy-${index}`, person, null, createdAt(), random, LEGACY_BLANK));
    }
    return records;
  }
  const accounts = random.int(3, 8);
  for (let index = 0; index < accounts; index++) {
    const account = newAccount(`demo-account-${person.number}-legacy-${index}`, person, createdAt(), random, LEGACY_BLANK);
    records.push(account);
    const contacts = random.int(1, 3);
    for (let contact = 0; contact < contacts; contact++) {
      records.push(
        newContact(
          `demo-contact-${person.number}-legacy-${index}-${contact}`,
          person,
          account,
          account.createdAt + (contact + 1) * HOUR_MS,
          random,
          LEGACY_BLANK,
        ),
      );
    }
  }
  return records;
}

function newAccount(externalId: string, person: DemoPerson, at: number, random: SeededRandom, blank: number): SimRecord {
  const name = companyName(random, person.department.region);
  const domain = slugOf(name);
  return {
    objectType: 'account',
    externalId,
    ownerExternalId: person.externalId,
    createdAt: at,
    lastModifiedAt: at,
    changedDay: NEVER_CHANGED,
    domain,
    fields: {
      name,
      industry: valueOrBlank(random, blank, () => random.pick(INDUSTRIES)),
      phone: valueOrBlank(random, blank, () => phoneNumber(random, person.department.region)),
      website: valueOrBlank(random, blank, () => websiteOf(domain)),
      billing_region: person.department.region,
    },
  };
}

function newContact(
  externalId: string,
  person: DemoPerson,
  account: SimRecord | null,
  at: number,
  random: SeededRandom,
  blank: number,
): SimRecord {
  const { first, last } = contactName(random);
  const domain = account?.domain ?? random.pick(['gmail', 'outlook', 'proton']);
  return {
    objectType: 'contact',
    externalId,
    ownerExternalId: person.externalId,
    createdAt: at,
    lastModifiedAt: at,
    changedDay: NEVER_CHANGED,
    domain: null,
    fields: {
      first_name: first,
      last_name: last,
      email: valueOrBlank(random, blank, () => `${first}.${last}@${domain}.example`.toLowerCase()),
      phone: valueOrBlank(random, blank, () => phoneNumber(random, person.department.region)),
      title: valueOrBlank(random, blank, () => random.pick(CONTACT_TITLES)),
      account_id: account?.externalId ?? null,
    },
  };
}

function missingKeyField(record: SimRecord): string | null {
  return DEMO_KEY_FIELDS[record.objectType].find((field) => isDemoBlank(record.fields[field])) ?? null;
}

/** The value a diligent rep looks up for a blank field. */
function goodValue(field: string, record: SimRecord, random: SeededRandom, person: DemoPerson): string {
  switch (field) {
    case 'industry':
      return random.pick(INDUSTRIES);
    case 'website':
      return websiteOf(record.domain ?? 'example');
    case 'email':
      return `${record.fields.first_name}.${record.fields.last_name}@example.com`.toLowerCase();
    case 'title':
      return random.pick(CONTACT_TITLES);
    default:
      return phoneNumber(random, person.department.region);
  }
}
