import { useId, type ReactNode } from 'react';

/** A titled card of a page; the heading labels the region. */
export function Section({
  title,
  actions,
  children,
  className,
  description,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  description?: ReactNode;
}) {
  const id = useId();
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <div className="card-header">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </div>
      {description ? <p className="card-description">{description}</p> : null}
      {children}
    </section>
  );
}
