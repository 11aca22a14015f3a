import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens. The region is named and focusable so keyboard
 * users can scroll it (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children, className, asOf }: { label: string; children: ReactNode; className?: string; asOf?: string }) {
  return (
    <div className={className ? `table-scroll ${className}` : 'table-scroll'} role="region" aria-label={label} tabIndex={0} data-as-of={asOf}>
      {children}
    </div>
  );
}
