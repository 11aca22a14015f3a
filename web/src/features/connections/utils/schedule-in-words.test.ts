import { scheduleInWords } from './schedule-in-words';

describe(scheduleInWords.name, () => {
  it.each([
    ['0 * * * *', 'Every hour (UTC)'],
    ['30 6 * * *', 'At 06:30 (UTC)'],
    ['*/15 * * * *', 'Every 15 minutes (UTC)'],
    ['30 6 * * 1-5', 'At 06:30, Monday through Friday (UTC)'],
    ['0 0 * * * *', 'Every hour (UTC)'], // with seconds, as the server also accepts
  ])('reads %s as "%s"', (schedule, words) => {
    expect(scheduleInWords(schedule)).toBe(words);
  });

  it('says when the schedule is not a cron expression', () => {
    expect(scheduleInWords('61 * * * *')).toBe('not a cron expression: 61 * * * *');
  });
});
