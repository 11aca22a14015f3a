/**
 * Words and numbers the server, the dashboard and the documentation share, so that each is written
 * once: the organisation's name in reports and goals, the default of the privacy threshold, and
 * the definitions shown next to numbers that are not metrics of the catalogue.
 */

/** The department name that stands for the whole organisation: in goals (`department: "*"`), reports and series. */
export const ORGANISATION = '*';

/** The smallest group whose aggregates executives and viewers see, when the plan sets none (`privacy.min_group_size`). */
export const DEFAULT_MIN_GROUP_SIZE = 5;

/** Health from this score up is green (healthStatus). */
export const HEALTH_GREEN_FROM = 90;
/** Health from this score up (and below green) is amber; below it red. */
export const HEALTH_AMBER_FROM = 70;

/** What the health score is, as shown next to it. */
export const HEALTH_DEFINITION = `Weighted mean of the attainments of the metrics that have goals, times 100. Green from ${HEALTH_GREEN_FROM}, amber from ${HEALTH_AMBER_FROM}, red below.`;

/** Who counts as a seat holder, as shown next to the count. */
export const SEAT_HOLDERS_DEFINITION = 'Active, licensed, non-integration CRM users of the department created on or before the day.';

/** The active rate of a group (training lift), as shown next to it. */
export const ACTIVE_RATE_DEFINITION =
  'Share of the group with at least one counted login in the 7 days ending on the day (the active users rule).';

/** Weekly logins before and after training (training lift), as shown next to them. */
export const WEEKLY_LOGINS_AROUND_TRAINING_DEFINITION =
  'Seat holders who completed their required training at least 28 days before the day: average counted logins per week in the 4 weeks before completion and in the 4 weeks from it.';
