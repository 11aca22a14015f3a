import { useEffect, type ReactNode } from 'react';

/** The page title (also the document title) with an optional subtitle and actions. */
export function PageHeader({
  title,
  subtitle,
  actions,
  busy,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  busy?: boolean;
}) {
  useEffect(() => {
    document.title = `${title} · Uptake`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      <div className="page-header-side">
        {busy ? (
          <span className="updating" role="status">
            Updating…
          </span>
        ) : null}
        {actions}
      </div>
    </div>
  );
}
