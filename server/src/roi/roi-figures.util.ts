import type { Figure, Pipeline, RoiDepartment, RoiScope } from '@uptake/shared';
import type { DepartmentPipeline } from './roi.repository';

/** What the executive view needs to know about one department. */
export interface RoiDepartmentInput {
  department: string;
  /** The department's line in the launch plan; null when it has none. */
  planned: { seats: number; costPerSeatMonth: number } | null;
  seatHolders: number;
  /** Seat holders with a counted login in the 30 days ending with the day. */
  monthlyActiveUsers: number;
  pipeline: DepartmentPipeline | null;
}

export interface RoiContext {
  asOf: string;
  currency: string;
}

/** A number for a sentence: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function money(value: number, currency: string): string {
  return `${formatNumber(value)} ${currency}`;
}

function figure(value: number | null, how: string): Figure {
  return { value, how };
}

const COUNTED = 'a counted login (succeeded, not through the API)';

function noMonthlyActiveUser(asOf: string): string {
  return `No monthly active user in the 30 days ending ${asOf}, so no cost per monthly active user`;
}

export function pipelineOf(pipeline: Omit<DepartmentPipeline, 'department'> | null, { asOf, currency }: RoiContext): Pipeline {
  const p = pipeline ?? { openCount: 0, openAmount: 0, staleCount: 0, staleAmount: 0 };
  return {
    openAmount: p.openAmount,
    openCount: p.openCount,
    freshAmount: p.openAmount - p.staleAmount,
    freshCount: p.openCount - p.staleCount,
    staleAmount: p.staleAmount,
    staleCount: p.staleCount,
    how:
      `Opportunities of seat holders open on ${asOf} (not deleted, not closed or closing after the day): ${p.openCount} worth ${money(p.openAmount, currency)}. ` +
      `Stale (past the close date, or not created, modified or worked on in the 30 days to ${asOf}): ${p.staleCount} worth ${money(p.staleAmount, currency)}; ` +
      `the rest are fresh. An empty amount counts as 0.`,
  };
}

/** Seats, spend, shelfware and cost per monthly active user of one department. */
export function departmentRoi(input: RoiDepartmentInput, context: RoiContext): RoiDepartment {
  const { department, planned, seatHolders, monthlyActiveUsers: mau } = input;
  const { asOf, currency } = context;
  const spend = planned === null ? null : planned.seats * planned.costPerSeatMonth;
  const useSeats = planned !== null && planned.seats > 0;
  const basis = useSeats ? planned.seats : seatHolders;
  const shelfware = Math.max(basis - mau, 0);
  const shelfwareCost = planned === null ? null : shelfware * planned.costPerSeatMonth;
  const notInPlan = `${department} has no line in the launch plan`;
  return {
    department,
    inPlan: planned !== null,
    seats: figure(planned?.seats ?? null, planned === null ? notInPlan : `Seats bought for ${department} in the launch plan`),
    licenceCostPerSeatMonth: figure(
      planned?.costPerSeatMonth ?? null,
      planned === null ? notInPlan : `Licence cost per seat per month in the launch plan, in ${currency}`,
    ),
    monthlySpend: figure(
      spend,
      planned === null
        ? notInPlan
        : `${planned.seats} seats × ${money(planned.costPerSeatMonth, currency)} = ${money(spend ?? 0, currency)} per month`,
    ),
    seatHolders: figure(seatHolders, `Active, licensed, non-integration CRM users of ${department} created by ${asOf}`),
    monthlyActiveUsers: figure(mau, `Seat holders with ${COUNTED} in the 30 days ending ${asOf}`),
    shelfwareSeats: figure(
      shelfware,
      `${useSeats ? `${basis} seats` : `${planned === null ? 'No seats in the plan' : 'The plan buys 0 seats'}, so ${basis} seat holders`} − ` +
        `${mau} monthly active users = ${shelfware}${basis - mau < 0 ? ' (not below 0)' : ''}`,
    ),
    shelfwareCostPerMonth: figure(
      shelfwareCost,
      planned === null
        ? `${notInPlan}: no licence cost`
        : `${shelfware} shelfware seats × ${money(planned.costPerSeatMonth, currency)} = ${money(shelfwareCost ?? 0, currency)} per month`,
    ),
    costPerMonthlyActiveUser: figure(
      spend !== null && mau > 0 ? spend / mau : null,
      spend === null
        ? `${notInPlan}: no licence spend`
        : mau === 0
          ? noMonthlyActiveUser(asOf)
          : `${money(spend, currency)} ÷ ${mau} monthly active users = ${money(spend / mau, currency)} per month`,
    ),
    pipeline: pipelineOf(input.pipeline, context),
  };
}

/** The organisation: sums over the departments; shelfware is summed per department so that one team's overuse hides no other team's idle seats. */
export function organisationRoi(departments: readonly RoiDepartment[], context: RoiContext): RoiScope {
  const { asOf, currency } = context;
  const planned = departments.filter((department) => department.inPlan);
  const sum = (pick: (department: RoiDepartment) => number | null, over: readonly RoiDepartment[] = departments) =>
    over.reduce((total, department) => total + (pick(department) ?? 0), 0);
  const seats = sum((d) => d.seats.value, planned);
  const spend = sum((d) => d.monthlySpend.value, planned);
  const seatHolders = sum((d) => d.seatHolders.value);
  const mau = sum((d) => d.monthlyActiveUsers.value);
  const shelfware = sum((d) => d.shelfwareSeats.value);
  const shelfwareCost = sum((d) => d.shelfwareCostPerMonth.value, planned);
  const pipelines = departments.map((d) => d.pipeline);
  const inPlan = `the ${planned.length} department${planned.length === 1 ? '' : 's'} of the launch plan`;
  return {
    seats: figure(seats, `Sum of the seats of ${inPlan}`),
    licenceCostPerSeatMonth: figure(
      seats > 0 ? spend / seats : null,
      seats > 0
        ? `Monthly spend ÷ seats = ${money(spend, currency)} ÷ ${seats} = ${money(spend / seats, currency)}`
        : 'No seats in the launch plan, so no cost per seat',
    ),
    monthlySpend: figure(spend, `Sum over ${inPlan} of seats × licence cost per seat = ${money(spend, currency)} per month`),
    seatHolders: figure(seatHolders, `Active, licensed, non-integration CRM users of every department created by ${asOf}`),
    monthlyActiveUsers: figure(mau, `Seat holders with ${COUNTED} in the 30 days ending ${asOf}`),
    shelfwareSeats: figure(
      shelfware,
      `Sum of the departments' shelfware seats (a department with more active users than seats offsets no other) = ${shelfware}`,
    ),
    shelfwareCostPerMonth: figure(shelfwareCost, `Sum of the departments' shelfware cost = ${money(shelfwareCost, currency)} per month`),
    costPerMonthlyActiveUser: figure(
      mau > 0 ? spend / mau : null,
      mau > 0
        ? `${money(spend, currency)} ÷ ${mau} monthly active users = ${money(spend / mau, currency)} per month`
        : noMonthlyActiveUser(asOf),
    ),
    pipeline: pipelineOf(
      {
        openCount: pipelines.reduce((total, p) => total + p.openCount, 0),
        openAmount: pipelines.reduce((total, p) => total + p.openAmount, 0),
        staleCount: pipelines.reduce((total, p) => total + p.staleCount, 0),
        staleAmount: pipelines.reduce((total, p) => total + p.staleAmount, 0),
      },
      context,
    ),
  };
}

/** Every month (YYYY-MM) from the month of `from` to the month of `to`, both included; none when `to` is earlier. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (text > last) return months;
    months.push(text);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
