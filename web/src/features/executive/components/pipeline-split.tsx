import type { Pipeline } from '@uptake/shared';
import { Explained } from '@/components/ui/explained';
import { formatCount, formatMoney, formatShare } from '@/utils/format';

/** Open pipeline in the CRM, fresh against stale, as a bar with the amounts written out. */
export function PipelineSplit({ pipeline, currency }: { pipeline: Pipeline; currency: string }) {
  const staleShare = pipeline.openAmount > 0 ? pipeline.staleAmount / pipeline.openAmount : null;
  return (
    <div className="stack" data-testid="pipeline">
      <p>
        Open pipeline{' '}
        <Explained how={pipeline.how} testId="pipeline-open">
          {formatMoney(pipeline.openAmount, currency)}
        </Explained>{' '}
        in {formatCount(pipeline.openCount)} opportunities.
      </p>
      {pipeline.openAmount > 0 ? (
        <div className="split-bar" aria-hidden="true">
          <span className="split-fresh" style={{ width: `${(pipeline.freshAmount / pipeline.openAmount) * 100}%` }} />
          <span className="split-stale" style={{ width: `${(pipeline.staleAmount / pipeline.openAmount) * 100}%` }} />
        </div>
      ) : null}
      <dl className="split-facts">
        <div>
          <dt>
            <span className="swatch swatch-fresh" aria-hidden="true" /> Fresh
          </dt>
          <dd>
            <Explained how={pipeline.how} testId="pipeline-fresh">
              {formatMoney(pipeline.freshAmount, currency)}
            </Explained>{' '}
            ({formatCount(pipeline.freshCount)} opportunities)
          </dd>
        </div>
        <div>
          <dt>
            <span className="swatch swatch-stale" aria-hidden="true" /> Stale
          </dt>
          <dd>
            <Explained how={pipeline.how} testId="pipeline-stale">
              {formatMoney(pipeline.staleAmount, currency)}
            </Explained>{' '}
            ({formatCount(pipeline.staleCount)} opportunities{staleShare === null ? '' : `, ${formatShare(staleShare)} of the open amount`})
          </dd>
        </div>
      </dl>
      <p className="figure-how">{pipeline.how}</p>
    </div>
  );
}
