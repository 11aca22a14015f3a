import type { ReactNode } from 'react';
import { Tooltip } from './tooltip';

interface ExplainedProps {
  /** How the number was computed. */
  how: ReactNode;
  title?: string;
  children: ReactNode;
  className?: string;
  testId?: string;
  focusable?: boolean;
}

/** A number that is not a catalogue metric (money, counts) with how it was computed on hover and focus. */
export function Explained({ how, title, children, className, testId, focusable }: ExplainedProps) {
  return (
    <Tooltip
      className={className ? `metric-value ${className}` : 'metric-value'}
      testId={testId}
      focusable={focusable}
      content={
        <>
          {title ? <strong className="tooltip-title">{title}</strong> : null}
          <span className="tooltip-text">{how}</span>
        </>
      }
    >
      {children}
    </Tooltip>
  );
}
