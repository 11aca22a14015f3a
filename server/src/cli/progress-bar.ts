import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr (stdout stays clean for --json); on a non-terminal it prints a line now and then. */
export function createProgressBar(label: string): { update(done: number, total: number, detail?: string): void; stop(): void } {
  let bar: SingleBar | null = null;
  return {
    update(done, total, detail = '') {
      if (!bar) {
        bar = new SingleBar(
          {
            format: `${label} [{bar}] {value}/{total} {detail}`,
            stream: process.stderr,
            noTTYOutput: true,
            notTTYSchedule: 1000,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0, { detail });
      }
      bar.setTotal(total);
      bar.update(done, { detail });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
