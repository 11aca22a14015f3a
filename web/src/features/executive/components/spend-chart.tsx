import type { MonthlySpend } from '@uptake/shared';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Explained } from '@/components/ui/explained';
import { EmptyState } from '@/components/ui/states';
import { formatMoney } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const formatMonth = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** Licence spend per month as bars, and the same numbers as a table. */
export function SpendChart({ months, currency, how }: { months: MonthlySpend[]; currency: string; how: string }) {
  if (months.length === 0)
    return (
      <EmptyState title="No licence spend yet">Spend starts in the launch month of the plan, with seats and a cost per seat.</EmptyState>
    );
  return (
    <div className="grid-2">
      <div
        className="chart-box"
        role="img"
        aria-label={`Licence spend per month from ${formatMonth(months[0].month)} to ${formatMonth(months[months.length - 1].month)}; the table lists each month.`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={months} margin={{ top: 8, right: 12, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="month" tickFormatter={formatMonth} tick={{ fontSize: 12, fill: '#4b5563' }} />
            <YAxis width={64} tickFormatter={(value: number) => formatMoney(value, currency)} tick={{ fontSize: 12, fill: '#4b5563' }} />
            <Tooltip
              labelFormatter={(value) => formatMonth(String(value))}
              formatter={(value) => [formatMoney(Number(value), currency), 'Spend']}
            />
            <Bar dataKey="spend" fill="#1d4ed8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <TableScroll label="Licence spend per month">
        <table data-testid="spend-table">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Licence spend
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{formatMonth(month.month)}</th>
                <td className="num">
                  <Explained how={how} focusable={months.length <= 12}>
                    {formatMoney(month.spend, currency)}
                  </Explained>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
