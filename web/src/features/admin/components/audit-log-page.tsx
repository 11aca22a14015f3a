import { TableScroll } from '@/components/ui/table-scroll';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@uptake/shared';
import { useState } from 'react';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { useAuditLog } from '../api/get-audit-log';

const PAGE_SIZE = 50;

function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(
      ([key, value]) =>
        `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`,
    )
    .join('; ');
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
      </td>
      <td>
        {entry.actor}
        {entry.actorRole ? <span className="muted"> ({entry.actorRole})</span> : null}
      </td>
      <td>
        <code>{entry.action}</code>
      </td>
      <td style={{ overflowWrap: 'anywhere' }}>{entry.target}</td>
      <td>{entry.department ?? <span className="muted">—</span>}</td>
      <td className="muted" style={{ overflowWrap: 'anywhere' }}>
        {describeDetail(entry.detail)}
        {entry.ip ? ` · from ${entry.ip}` : ''}
      </td>
    </tr>
  );
}

/** The audit log (admins): who saw people-level data or changed something, and when; newest first. */
export function AuditLogPage() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const [actor, setActor] = useState('');
  const [pages, setPages] = useState<number[]>([]);
  const before = pages[pages.length - 1];
  const log = useAuditLog({ limit: PAGE_SIZE, before, action: action || undefined, actor: actor.trim() || undefined });
  const restart = () => setPages([]);

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every view of people-level data, every sign-in and every change, with who and when."
        busy={log.isFetching && !log.isPending}
      />
      <Section title="Entries">
        <div className="table-tools">
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <select
              id="audit-action"
              value={action}
              onChange={(e) => {
                setAction(e.target.value as AuditAction | '');
                restart();
              }}
            >
              <option value="">all</option>
              {AUDIT_ACTIONS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">Who (exact email)</label>
            <input
              id="audit-actor"
              type="search"
              value={actor}
              onChange={(e) => {
                setActor(e.target.value);
                restart();
              }}
            />
          </div>
        </div>
        <QueryView query={log} loadingLabel="Loading the audit log…" isEmpty={(page) => page.entries.length === 0}>
          {(page) => (
            <>
              <TableScroll label="Audit log entries">
                <table>
                  <caption className="visually-hidden">Audit log entries, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">What</th>
                      <th scope="col">Department</th>
                      <th scope="col">Details</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.entries.map((entry) => (
                      <EntryRow key={entry.id} entry={entry} />
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div className="row">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={pages.length === 0}
                  onClick={() => setPages((stack) => stack.slice(0, -1))}
                >
                  Newer entries
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={page.nextBefore === null}
                  onClick={() => page.nextBefore !== null && setPages((stack) => [...stack, page.nextBefore as number])}
                >
                  Older entries
                </button>
              </div>
            </>
          )}
        </QueryView>
      </Section>
    </>
  );
}
