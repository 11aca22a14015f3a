import { isSuppressed, METRIC_CATALOGUE, type RoiResponse } from '@uptake/shared';
import { TrendChart, TrendLegend } from '@/components/charts/trend-chart';
import { DataCoverageNotice } from '@/components/data-coverage-notice';
import { Explained } from '@/components/ui/explained';
import { MetricValue } from '@/components/ui/metric-value';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { Suppressed } from '@/components/ui/suppressed';
import { InfoTip } from '@/components/ui/tooltip';
import { useInterventionMarkers } from '@/features/interventions/utils/intervention-markers';
import { hasLoginData, NO_LOGIN_DATA } from '@/utils/data-coverage';
import { formatDay } from '@/utils/date';
import { formatCount, formatMetric, formatMoney, formatMoneyPrecise } from '@/utils/format';
import { FigureCard } from './figure-card';
import { PipelineSplit } from './pipeline-split';
import { SpendChart } from './spend-chart';
import { TableScroll } from '@/components/ui/table-scroll';

interface RoiViewProps {
  data: RoiResponse;
  /** The organisation's active_users goal, to mark its target date. */
  adoptionGoal?: { target: number; by: string };
}

/** The executive's page: licence spend, shelfware, cost per active user, adoption against plan, pipeline. */
export function RoiView({ data, adoptionGoal }: RoiViewProps) {
  const markers = useInterventionMarkers('*');
  const money = (value: number | null) => formatMoney(value, data.currency);
  const precise = (value: number | null) => formatMoneyPrecise(value, data.currency);
  const org = data.organisation;
  const latest = [...data.adoption.points].reverse().find((point) => point.actual !== null);
  // Monthly active users, shelfware and cost per active user all count logins: without any they are unknown.
  const loginsUnknown = hasLoginData(data.dataCoverage) ? undefined : NO_LOGIN_DATA;
  const fromLogins = (text: string) => loginsUnknown ?? text;
  return (
    <div className="stack" data-as-of={data.asOf}>
      <DataCoverageNotice
        coverage={data.dataCoverage}
        asOf={data.asOf}
        loginFigures="monthly active users, shelfware and the cost per active user"
      />
      <section aria-labelledby="roi-figures">
        <h2 id="roi-figures" className="visually-hidden">
          Licence value
        </h2>
        <div className="figures">
          <FigureCard
            label="Licence spend per month"
            figure={org.monthlySpend}
            format={money}
            testId="roi-monthly-spend"
            note="No seats or costs in the launch plan."
          />
          <FigureCard
            label="Shelfware seats"
            figure={org.shelfwareSeats}
            format={formatCount}
            testId="roi-shelfware-seats"
            unknownBecause={loginsUnknown}
          />
          <FigureCard
            label="Shelfware cost per month"
            figure={org.shelfwareCostPerMonth}
            format={money}
            testId="roi-shelfware-cost"
            unknownBecause={loginsUnknown}
            note="No licence cost in the plan."
          />
          <FigureCard
            label="Cost per monthly active user"
            figure={org.costPerMonthlyActiveUser}
            format={precise}
            testId="roi-cost-per-mau"
            unknownBecause={loginsUnknown}
            note="No spend or no monthly active user."
          />
          <FigureCard
            label="Monthly active users"
            figure={org.monthlyActiveUsers}
            format={formatCount}
            testId="roi-mau"
            unknownBecause={loginsUnknown}
          />
          <FigureCard label="Seats bought" figure={org.seats} format={formatCount} testId="roi-seats" />
        </div>
      </section>

      <Section title="Adoption since launch against plan" description={data.adoption.how}>
        {data.adoption.points.length === 0 ? (
          <EmptyState title="No daily snapshots yet" />
        ) : (
          <>
            <p className="chart-summary" data-testid="roi-adoption-latest">
              {latest ? (
                <>
                  {METRIC_CATALOGUE.active_users.label} on {formatDay(latest.day)}:{' '}
                  <MetricValue metric="active_users" value={latest.actual} />
                  {latest.expected !== null ? (
                    <>
                      {' '}
                      against <MetricValue metric="active_users" value={latest.expected} detail="Expected on the plan ramp." /> expected
                    </>
                  ) : (
                    ' (no goal in the plan)'
                  )}
                  {adoptionGoal ? ` · goal ${formatMetric('active_users', adoptionGoal.target)} by ${formatDay(adoptionGoal.by)}` : ''}
                </>
              ) : (
                'No value yet.'
              )}
            </p>
            <TrendLegend
              showTarget={adoptionGoal !== undefined}
              showReconstructed={data.adoption.points.some((point) => point.provenance === 'reconstructed')}
              showInterventions={markers.length > 0}
            />
            <TrendChart
              points={data.adoption.points}
              isShare
              format={(value) => formatMetric('active_users', value)}
              targetDate={adoptionGoal?.by}
              targetLabel={adoptionGoal ? `target ${formatMetric('active_users', adoptionGoal.target)}` : undefined}
              markers={markers}
              title={`Organisation ${METRIC_CATALOGUE.active_users.label.toLowerCase()} per day since launch against the plan`}
              height={260}
            />
          </>
        )}
      </Section>

      <div className="grid-2">
        <Section title="Licence spend per month" description={data.spendByMonth.how}>
          <SpendChart months={data.spendByMonth.months} currency={data.currency} how={data.spendByMonth.how} />
        </Section>
        <Section title="Pipeline in the CRM">
          <PipelineSplit pipeline={org.pipeline} currency={data.currency} />
        </Section>
      </div>

      <Section title="By department">
        {data.departments.length === 0 ? (
          <EmptyState title="No departments yet" />
        ) : (
          <TableScroll label="Licence value by department">
            <table data-testid="roi-departments">
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col" className="num">
                    Seats <InfoTip label="Seats" content={org.seats.how} />
                  </th>
                  <th scope="col" className="num">
                    Seat holders <InfoTip label="Seat holders" content={org.seatHolders.how} />
                  </th>
                  <th scope="col" className="num">
                    Monthly active <InfoTip label="Monthly active users" content={org.monthlyActiveUsers.how} />
                  </th>
                  <th scope="col" className="num">
                    Spend / month <InfoTip label="Spend per month" content={org.monthlySpend.how} />
                  </th>
                  <th scope="col" className="num">
                    Shelfware <InfoTip label="Shelfware seats" content={org.shelfwareSeats.how} />
                  </th>
                  <th scope="col" className="num">
                    Shelfware cost <InfoTip label="Shelfware cost per month" content={org.shelfwareCostPerMonth.how} />
                  </th>
                  <th scope="col" className="num">
                    Cost per active user <InfoTip label="Cost per monthly active user" content={org.costPerMonthlyActiveUser.how} />
                  </th>
                  <th scope="col" className="num">
                    Stale pipeline <InfoTip label="Stale pipeline" content={org.pipeline.how} />
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.departments.map((department) => (
                  <tr key={department.department} data-testid={`roi-dept-${department.department}`}>
                    <th scope="row">
                      {department.department}
                      {!department.inPlan ? <span className="person-email">not in the launch plan</span> : null}
                    </th>
                    <td className="num">
                      <Explained how={department.seats.how} focusable={false}>
                        {formatCount(department.seats.value)}
                      </Explained>
                    </td>
                    <td className="num">
                      <Explained how={department.seatHolders.how} focusable={false}>
                        {formatCount(department.seatHolders.value)}
                      </Explained>
                    </td>
                    {isSuppressed(department) ? (
                      <td colSpan={6}>
                        <Suppressed focusable={false} seatHolders={department.seatHolders.value} />
                      </td>
                    ) : (
                      <>
                        <td className="num">
                          <Explained how={department.monthlyActiveUsers.how} focusable={false}>
                            {fromLogins(formatCount(department.monthlyActiveUsers.value))}
                          </Explained>
                        </td>
                        <td className="num">
                          <Explained how={department.monthlySpend.how} focusable={false}>
                            {money(department.monthlySpend.value)}
                          </Explained>
                        </td>
                        <td className="num">
                          <Explained how={department.shelfwareSeats.how} focusable={false}>
                            {fromLogins(formatCount(department.shelfwareSeats.value))}
                          </Explained>
                        </td>
                        <td className="num" data-testid={`roi-dept-${department.department}-shelfware-cost`}>
                          <Explained how={department.shelfwareCostPerMonth.how} focusable={false}>
                            {fromLogins(money(department.shelfwareCostPerMonth.value))}
                          </Explained>
                        </td>
                        <td className="num">
                          <Explained how={department.costPerMonthlyActiveUser.how} focusable={false}>
                            {fromLogins(precise(department.costPerMonthlyActiveUser.value))}
                          </Explained>
                        </td>
                        <td className="num">
                          <Explained how={department.pipeline.how} focusable={false}>
                            {money(department.pipeline.staleAmount)}
                          </Explained>{' '}
                          <span className="muted">of {money(department.pipeline.openAmount)}</span>
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </div>
  );
}
