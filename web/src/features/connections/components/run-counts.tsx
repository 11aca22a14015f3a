import { formatCount } from '@/utils/format';

/** "120 users · 5,400 logins" from a run's counts. */
export function RunCounts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <span className="muted">nothing yet</span>;
  return <span>{entries.map(([entity, count]) => `${formatCount(count)} ${entity}`).join(' · ')}</span>;
}
