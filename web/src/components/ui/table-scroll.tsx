import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens, with its first column kept in view (sticky) and
 * a visible hint while columns are out of view. The region is named and focusable so keyboard
 * users can scroll it (axe: scrollable-region-focusable).
 */
export function TableScroll({
  label,
  children,
  className,
  asOf,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  asOf?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<'none' | 'right' | 'left' | 'both'>('none');
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      const left = element.scrollLeft > 1;
      setHidden(right && left ? 'both' : right ? 'right' : left ? 'left' : 'none');
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, []);
  const classes = ['table-scroll', className, hidden === 'right' || hidden === 'both' ? 'more-right' : null].filter(Boolean).join(' ');
  return (
    <>
      {hidden !== 'none' ? (
        <p className="scroll-hint" data-testid="scroll-hint" aria-hidden="true">
          {hidden === 'left' ? '← Scroll back for the first columns' : 'More columns: scroll sideways →'}
        </p>
      ) : null}
      <div ref={ref} className={classes} role="region" aria-label={label} tabIndex={0} data-as-of={asOf}>
        {children}
      </div>
    </>
  );
}
