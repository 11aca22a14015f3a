import type { Page, SyncContext, HttpTransport } from '../../server/test/testing';

/** Real fetch against the loopback fake; `sleep` only records the delay, so backoff costs no time. */
export function recordingTransport(): HttpTransport & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    fetch: (input, init) => globalThis.fetch(input, init),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => Date.now(),
  };
}

export function syncContext(overrides: Partial<SyncContext> = {}): SyncContext & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    now: Date.UTC(2021, 9, 21),
    timezone: 'UTC',
    requiredFields: {},
    knownUserIds: async () => new Set<string>(),
    log: (message) => messages.push(message),
    ...overrides,
  };
}

export async function collect<T>(pages: AsyncIterable<Page<T>>): Promise<Array<Page<T>>> {
  const result: Array<Page<T>> = [];
  for await (const page of pages) result.push(page);
  return result;
}

/** Runs `action` and returns what it threw (fails the test when nothing was thrown). */
export async function caught(action: () => Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await action();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error, but none was thrown');
}

export const utc = (text: string): number => Date.parse(text);
