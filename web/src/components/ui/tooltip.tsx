import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface TooltipProps {
  /** What the tooltip explains; also the accessible description of the trigger. */
  content: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  /**
   * False for dense tables: the value shows its tooltip on hover only and is not a tab stop; the
   * column header then carries the same explanation for keyboard users (an InfoTip).
   */
  focusable?: boolean;
}

const MARGIN = 8;

/**
 * Shows `content` next to `children` on hover and on keyboard focus (the trigger is focusable and
 * described by the tooltip through aria-describedby); Escape dismisses it.
 */
export function Tooltip({ content, children, className, testId, focusable = true }: TooltipProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const triggerRef = useRef<HTMLSpanElement>(null);
  const tipRef = useRef<HTMLSpanElement>(null);

  const show = useCallback(() => setOpen(true), []);
  const hide = useCallback(() => {
    setOpen(false);
    setPosition(null);
  }, []);

  useLayoutEffect(() => {
    if (!open || !triggerRef.current || !tipRef.current) return;
    const trigger = triggerRef.current.getBoundingClientRect();
    const tip = tipRef.current.getBoundingClientRect();
    const viewportWidth = document.documentElement.clientWidth || window.innerWidth;
    const viewportHeight = window.innerHeight;
    const left = Math.max(MARGIN, Math.min(trigger.left, viewportWidth - tip.width - MARGIN));
    const below = trigger.bottom + 6;
    const top =
      below + tip.height > viewportHeight - MARGIN && trigger.top - tip.height - 6 > MARGIN ? trigger.top - tip.height - 6 : below;
    setPosition({ top, left });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('scroll', hide, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('scroll', hide, true);
    };
  }, [open, hide]);

  return (
    <span className="tooltip-anchor">
      <span
        ref={triggerRef}
        className={className ? `tooltip-trigger ${className}` : 'tooltip-trigger'}
        tabIndex={focusable ? 0 : undefined}
        aria-describedby={id}
        data-testid={testId}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
      >
        {children}
      </span>
      <span
        ref={tipRef}
        role="tooltip"
        id={id}
        className="tooltip"
        hidden={!open}
        data-open={open}
        style={position ? { top: position.top, left: position.left } : undefined}
      >
        {content}
      </span>
    </span>
  );
}

/** An "i" button-like mark that explains a column or a label on hover and focus. */
export function InfoTip({ label, content }: { label: string; content: ReactNode }) {
  return (
    <Tooltip className="info-tip" content={content}>
      <span className="info-icon" aria-hidden="true">
        i
      </span>
      <span className="visually-hidden">About {label}</span>
    </Tooltip>
  );
}
