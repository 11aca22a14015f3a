import { z } from 'zod';
import { baseUrlOption, listOption, requiredText } from '../http/connector-options.util';

/**
 * A Moodle site's web service: `base_url` (the site's address, e.g. https://learn.example.com),
 * `token` (a web service token of a user allowed the service's functions; a credential, sealed at
 * rest and never shown) and `courses`, the courses whose completion is training: ids or short
 * names, comma-separated, each once.
 */
export const MoodleOptionsSchema = z
  .strictObject({
    base_url: baseUrlOption('the Moodle site, e.g. https://learn.example.com'),
    token: requiredText('a Moodle web service token (Site administration > Server > Web services > Manage tokens)'),
    courses: listOption(),
  })
  .superRefine((options, ctx) => {
    if (options.courses.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['courses'], message: 'required: the course ids or short names to read, e.g. 12,CRM-BASICS' });
      return;
    }
    const seen = new Set<string>();
    for (const course of options.courses) {
      const key = course.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['courses'], message: `course "${course}" is listed twice` });
      seen.add(key);
    }
  });

export type MoodleOptions = z.infer<typeof MoodleOptionsSchema>;
