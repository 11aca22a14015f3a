import cronstrue from 'cronstrue';

/** A cron schedule (read in UTC by the server) in words: "Every hour (UTC)", "At 06:30, Monday through Friday (UTC)". */
export function scheduleInWords(schedule: string): string {
  try {
    return `${cronstrue.toString(schedule, { use24HourTimeFormat: true, throwExceptionOnParseError: true })} (UTC)`;
  } catch {
    return `not a cron expression: ${schedule}`;
  }
}
