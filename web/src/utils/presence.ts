import type { PresenceQuadrant } from '@uptake/shared';

/** The four kinds of seat holder by presence and work, in the order the views list them. */
export const QUADRANTS: ReadonlyArray<{ key: PresenceQuadrant; label: string; how: string }> = [
  {
    key: 'logs_in_and_works',
    label: 'Logs in and works',
    how: 'A counted login and some work (an activity, or an opportunity or record created) in the 7 days ending on the day.',
  },
  {
    key: 'logs_in_only',
    label: 'Logs in only',
    how: 'A counted login but no work in the CRM in the 7 days: present, not using it.',
  },
  {
    key: 'works_only',
    label: 'Works without logging in',
    how: 'Work in the CRM but no counted login in the 7 days, e.g. e-mails logged by an integration or entries made through the API.',
  },
  { key: 'neither', label: 'Neither', how: 'No counted login and no work in the CRM in the 7 days.' },
];

export const ACTIVE_USERS_HOW =
  'Share of seat holders with a counted login (succeeded, not through the API) in the 7 days ending on the day.';
export const ACTIVE_CONTRIBUTORS_HOW =
  'Share of seat holders who own an activity that took place, or an opportunity or record created, in the 7 days ending on the day.';
