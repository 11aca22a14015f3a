import type { AlertCondition, AlertRule } from './alert-rule';
import { departmentRoi } from '../../roi/roi-figures.util';

const EPSILON = 1e-9;

/**
 * Shelfware (the executive view's definition, roi-figures.util.ts): seats bought in the plan (or,
 * without seats in the plan, seat holders) minus monthly active users, not below 0. The rule holds
 * when shelfware is more than `share` of those seats on the evaluated day.
 */
export const shelfwareRule: AlertRule<'shelfware'> = {
  key: 'shelfware',
  lookBackDays: () => 0,
  evaluate(facts, settings) {
    const conditions: AlertCondition[] = [];
    for (const department of facts.departments) {
      const snapshot = department.days.get(facts.day);
      if (!snapshot) continue;
      const line = facts.plan?.departments.find((entry) => entry.name === department.department) ?? null;
      const planned = line ? { seats: line.seats, costPerSeatMonth: line.licence_cost_per_seat_month } : null;
      const monthlyActiveUsers = Math.round((snapshot.values.monthly_active_users ?? 0) * snapshot.seatHolders);
      const roi = departmentRoi(
        { department: department.department, planned, seatHolders: snapshot.seatHolders, monthlyActiveUsers, pipeline: null },
        { asOf: facts.day, currency: facts.plan?.currency ?? 'EUR' },
      );
      const basis = planned !== null && planned.seats > 0 ? planned.seats : snapshot.seatHolders;
      const shelfware = roi.shelfwareSeats.value ?? 0;
      if (basis <= 0 || shelfware / basis <= settings.share + EPSILON) continue;
      const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;
      conditions.push({
        rule: 'shelfware',
        department: department.department,
        metric: null,
        subject: null,
        startedOn: facts.day,
        title: `${department.department}: ${percent(shelfware / basis)} of seats are shelfware`,
        detail: `${roi.shelfwareSeats.how} of ${basis} ${planned !== null && planned.seats > 0 ? 'seats' : 'seat holders'} on ${facts.day}, more than ${percent(settings.share)}.${
          roi.shelfwareCostPerMonth.value ? ` ${roi.shelfwareCostPerMonth.how}.` : ''
        }`,
      });
    }
    return conditions;
  },
};
