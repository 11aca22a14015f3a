import type { Opportunity } from '../connector.port';
import { dayIndexOf, dayLabel, dayStart, DAY_MS } from './demo-clock.util';
import type { DemoCompany, DemoDepartmentProfile, DemoPerson, DemoSalesMotion } from './demo-company.util';
import { randomFor, type SeededRandom, STREAM } from './demo-random.util';
import { NowCutoff } from './demo-timeline.util';
import { blankValue, companyName, NEXT_STEPS, OPPORTUNITY_PRODUCTS, valueOrBlank } from './demo-values.util';
import { editTime, LEGACY_DAYS, type WorkCalendar, workCalendars, type WorkCalendars } from './demo-workday.util';

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'] as const;
const STALE_AFTER_MS = 30 * DAY_MS;
/** Per touch: chance to move one stage on (past Negotiation: won), and to lose the deal. */
const ADVANCE = 0.3;
const LOSE = 0.06;

/** How the previous system was kept: rarely touched, close dates left to pass. */
const LEGACY_PIPELINE: DemoDepartmentProfile['pipeline'] = {
  createPerLoginDay: 0.07,
  touchPerLoginDay: 0.05,
  neglected: 0.4,
  closeDateHygiene: 0.15,
  cleanUpPerLoginDay: 0,
  deleteLost: 0.1,
};

/** Chance that a field of an opportunity entered in the previous system is blank. */
const LEGACY_BLANK = 0.3;

const AMOUNTS: Record<Exclude<DemoSalesMotion, 'none'>, { min: number; max: number; step: number; closeInDays: [number, number] }> = {
  deals: { min: 8_000, max: 250_000, step: 500, closeInDays: [25, 110] },
  small_deals: { min: 1_500, max: 30_000, step: 100, closeInDays: [10, 45] },
  renewals: { min: 5_000, max: 80_000, step: 500, closeInDays: [30, 90] },
};

interface SimOpportunity {
  externalId: string;
  ownerExternalId: string;
  name: string;
  stage: string;
  isClosed: boolean;
  isWon: boolean;
  amount: number | null;
  /** The amount field as typed when `amount` is null (blank or placeholder). */
  amountBlank: string | null;
  createdAt: number;
  closeDay: number | null;
  closeDateBlank: string | null;
  nextStep: string | null;
  lastActivityAt: number | null;
  lastModifiedAt: number;
  deleted: boolean;
  /** Never touched again after it was entered. */
  neglected: boolean;
  lostDay: number | null;
  deleteLater: boolean;
  changedDay: number;
}

/**
 * Simulates the pipeline of every opportunity owner, day by day from the legacy history to the day
 * of `now`, and returns the opportunities as the CRM shows them at `now`, ordered by last
 * modification. Pure: the same company, launch and now give the same list.
 */
export function simulatePipeline(
  company: DemoCompany,
  launchAt: number,
  now: number,
  calendars: WorkCalendars = workCalendars(company, launchAt, dayIndexOf(launchAt, now)),
): Opportunity[] {
  const cutoff = new NowCutoff<SimOpportunity>(now, (item) => ({ ...item }));
  const visible: Opportunity[] = [];
  for (const person of company.people) {
    if (person.department.motion === 'none') continue;
    for (const opportunity of simulateOwner(company, person, launchAt, calendars(person), cutoff)) {
      const shown = cutoff.visible(opportunity);
      if (shown) visible.push(toOpportunity(shown, launchAt));
    }
  }
  return visible.sort((a, b) => a.lastModifiedAt! - b.lastModifiedAt! || (a.externalId < b.externalId ? -1 : 1));
}

function simulateOwner(
  company: DemoCompany,
  person: DemoPerson,
  launchAt: number,
  calendar: WorkCalendar,
  cutoff: NowCutoff<SimOpportunity>,
): SimOpportunity[] {
  const all: SimOpportunity[] = [];
  const open: SimOpportunity[] = [];
  const toDelete: SimOpportunity[] = [];
  for (let day = Math.max(-LEGACY_DAYS, person.createdDay + 1); day <= calendar.lastDay; day++) {
    const workStart = calendar.startOn(day);
    if (workStart === null) continue;
    const random = randomFor(company.seedHash, STREAM.pipeline, person.number, day);
    const rules = day < 0 ? LEGACY_PIPELINE : person.department.pipeline;
    const blank = day < 0 ? LEGACY_BLANK : person.department.dataQuality.blank;
    const change = (opportunity: SimOpportunity, at: number) => {
      cutoff.beforeChange(opportunity, at);
      opportunity.changedDay = day;
      opportunity.lastModifiedAt = at;
    };

    for (const opportunity of open) {
      if (opportunity.neglected || !random.chance(rules.touchPerLoginDay)) continue;
      const at = editTime(random, workStart, launchAt, day);
      change(opportunity, at);
      touch(opportunity, day, at, random, rules, blank);
    }

    if (random.chance(rules.cleanUpPerLoginDay)) {
      const staleBefore = dayStart(launchAt, day) - STALE_AFTER_MS;
      const stale = open.find(
        (o) => o.changedDay !== day && (o.lastModifiedAt <= staleBefore || (o.closeDay !== null && o.closeDay < day)),
      );
      if (stale) {
        const at = editTime(random, workStart, launchAt, day);
        change(stale, at);
        close(stale, false, day, at, random, rules.deleteLost);
      }
    }

    const deletable = toDelete.find((o) => !o.deleted && o.lostDay! <= day - 2 && o.changedDay !== day);
    if (deletable && random.chance(0.5)) {
      change(deletable, editTime(random, workStart, launchAt, day));
      deletable.deleted = true;
    }

    for (let index = open.length - 1; index >= 0; index--) {
      const opportunity = open[index];
      if (opportunity.isClosed) {
        open.splice(index, 1);
        if (opportunity.deleteLater) toDelete.push(opportunity);
      }
    }

    if (random.chance(rules.createPerLoginDay)) {
      const created = create(person, launchAt, day, editTime(random, workStart, launchAt, day), random, rules.neglected, blank);
      all.push(created);
      open.push(created);
    }
  }
  return all;
}

function create(
  person: DemoPerson,
  launchAt: number,
  day: number,
  at: number,
  random: SeededRandom,
  neglected: number,
  blank: number,
): SimOpportunity {
  const motion = AMOUNTS[person.department.motion as Exclude<DemoSalesMotion, 'none'>];
  const amount = Math.round(random.logBetween(motion.min, motion.max) / motion.step) * motion.step;
  const amountFilled = !random.chance(blank * 0.6);
  const closeDateFilled = !random.chance(blank * 0.4);
  return {
    externalId: `demo-opp-${person.number}-${dayLabel(launchAt, day)}`,
    ownerExternalId: person.externalId,
    name: `${companyName(random, person.department.region)} - ${random.pick(OPPORTUNITY_PRODUCTS)}`,
    stage: random.chance(0.7) ? OPEN_STAGES[0] : OPEN_STAGES[1],
    isClosed: false,
    isWon: false,
    amount: amountFilled ? amount : null,
    amountBlank: amountFilled ? null : blankValue(random),
    createdAt: at,
    closeDay: closeDateFilled ? day + random.int(motion.closeInDays[0], motion.closeInDays[1]) : null,
    closeDateBlank: closeDateFilled ? null : blankValue(random),
    nextStep: valueOrBlank(random, blank, () => random.pick(NEXT_STEPS)),
    lastActivityAt: random.chance(0.5) ? at : null,
    lastModifiedAt: at,
    deleted: false,
    neglected: random.chance(neglected),
    lostDay: null,
    deleteLater: false,
    changedDay: day,
  };
}

function touch(
  opportunity: SimOpportunity,
  day: number,
  at: number,
  random: SeededRandom,
  rules: DemoDepartmentProfile['pipeline'],
  blank: number,
): void {
  if (random.chance(0.75)) opportunity.lastActivityAt = at;
  const overdue = opportunity.closeDay !== null && opportunity.closeDay < day;
  if (overdue && random.chance(rules.closeDateHygiene)) opportunity.closeDay = day + random.int(14, 45);
  else if (opportunity.closeDay === null && random.chance(rules.closeDateHygiene)) opportunity.closeDay = day + random.int(20, 60);
  if (opportunity.amount === null && random.chance(0.3)) opportunity.amount = random.int(10, 200) * 500;
  opportunity.nextStep = valueOrBlank(random, blank, () => random.pick(NEXT_STEPS));
  if (random.chance(overdue ? LOSE * 2 : LOSE)) return close(opportunity, false, day, at, random, rules.deleteLost);
  if (random.chance(ADVANCE)) {
    const stage = OPEN_STAGES.indexOf(opportunity.stage as (typeof OPEN_STAGES)[number]);
    if (stage === OPEN_STAGES.length - 1) return close(opportunity, true, day, at, random, rules.deleteLost);
    opportunity.stage = OPEN_STAGES[stage + 1];
  }
}

function close(opportunity: SimOpportunity, won: boolean, day: number, at: number, random: SeededRandom, deleteLost: number): void {
  opportunity.isClosed = true;
  opportunity.isWon = won;
  opportunity.stage = won ? 'Closed Won' : 'Closed Lost';
  opportunity.closeDay = day;
  opportunity.lastActivityAt = at;
  opportunity.nextStep = won ? 'Hand over to onboarding' : random.pick([null, '', 'n/a', 'Lost to competitor', 'No budget']);
  if (!won) {
    opportunity.lostDay = day;
    opportunity.deleteLater = random.chance(deleteLost);
  }
}

function toOpportunity(o: SimOpportunity, launchAt: number): Opportunity {
  const closeDate = o.closeDay === null ? null : dayLabel(launchAt, o.closeDay);
  return {
    externalId: o.externalId,
    ownerExternalId: o.ownerExternalId,
    stage: o.stage,
    amount: o.amount,
    isClosed: o.isClosed,
    isWon: o.isWon,
    createdAt: o.createdAt,
    closeDate,
    lastActivityAt: o.lastActivityAt,
    lastModifiedAt: o.lastModifiedAt,
    deleted: o.deleted,
    fields: {
      name: o.name,
      stage: o.stage,
      amount: o.amount === null ? o.amountBlank : String(o.amount),
      close_date: closeDate ?? o.closeDateBlank,
      next_step: o.nextStep,
    },
  };
}
