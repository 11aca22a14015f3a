import type { FakeMoodleData } from './moodle.fake';

/** Unix seconds of an ISO instant, as Moodle's `timecompleted`. */
const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * A small Moodle site whose learners are the Salesforce fixture's users by email (case and spaces
 * differ on purpose), plus a learner who is nobody in the CRM and one without an email.
 * Course 7 CRM-BASICS "CRM Basics", course 9 PIPE-101 "Pipeline Hygiene", course 11 not listed.
 * - ada: completed both (Basics 2021-09-01T08:00Z; Pipeline criteria 2021-09-10T10:00Z and 2021-09-12T16:30Z);
 * - grace: completed Basics (2021-09-05T12:00Z), enrolled in Pipeline but not done;
 * - extern (no CRM user): completed both; nomail: enrolled in Basics without an email.
 */
export function moodleFixture(): FakeMoodleData {
  return {
    courses: [
      { id: 7, shortname: 'CRM-BASICS', fullname: 'CRM Basics' },
      { id: 9, shortname: 'PIPE-101', fullname: 'Pipeline Hygiene' },
      { id: 11, shortname: 'WELLBEING', fullname: 'Wellbeing at work' },
    ],
    users: [
      { id: 101, username: 'ada', fullname: 'Ada Lovelace', email: 'Ada@Acme.example' },
      { id: 102, username: 'grace', fullname: 'Grace Hopper', email: ' grace@acme.example' },
      { id: 103, username: 'extern', fullname: 'Extern Learner', email: 'learner@partner.example' },
      { id: 104, username: 'nomail', fullname: 'No Mail', email: '' },
    ],
    enrolments: { 7: [101, 102, 103, 104], 9: [101, 102, 103], 11: [101] },
    completions: {
      '7/101': { completed: true, criteria: [seconds('2021-09-01T08:00:00Z')] },
      '9/101': { completed: true, criteria: [seconds('2021-09-10T10:00:00Z'), seconds('2021-09-12T16:30:00Z')] },
      '7/102': { completed: true, criteria: [seconds('2021-09-05T12:00:00Z')] },
      '9/102': { completed: false, criteria: [seconds('2021-09-06T12:00:00Z'), null] },
      '7/103': { completed: true, criteria: [seconds('2021-08-01T00:00:00Z')] },
      '9/103': { completed: true, criteria: [seconds('2021-08-02T00:00:00Z')] },
      '11/101': { completed: true, criteria: [seconds('2021-07-01T00:00:00Z')] },
    },
  };
}
