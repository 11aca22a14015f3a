import { z } from 'zod';

/** Every build-time variable the dashboard reads, validated once when the app starts. */
const EnvSchema = z.object({
  API_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^/]+/.test(value), 'VITE_API_URL must be empty (same origin) or an http(s) URL')
    .transform((value) => value.replace(/\/+$/, ''))
    .describe('Origin of the Uptake API; empty means the page origin'),
  SYNC_POLL_MS: z.coerce
    .number()
    .int()
    .min(100, 'VITE_SYNC_POLL_MS must be at least 100')
    .default(1000)
    .describe('How often a running sync is polled, in milliseconds'),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, unknown>): Env {
  const raw = Object.fromEntries(
    Object.entries(source)
      .filter(([key]) => key.startsWith('VITE_'))
      .map(([key, value]) => [key.slice('VITE_'.length), value === '' ? undefined : value]),
  );
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `VITE_${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid dashboard environment: ${problems}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(import.meta.env);
