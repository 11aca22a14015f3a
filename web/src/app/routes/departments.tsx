import { HEALTH_DEFINITION, ORGANISATION, SEAT_HOLDERS_DEFINITION } from '@uptake/shared';
import { Link } from 'react-router';
import { PageHeader } from '@/components/layouts/page-header';
import { Explained } from '@/components/ui/explained';
import { QueryView } from '@/components/ui/query-view';
import { EmptyState } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { useDepartments } from '@/features/departments/api/get-departments';
import { useAsOf, useAsOfSearch } from '@/hooks/use-as-of';
import { formatCount, formatHealth } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

export default function DepartmentsRoute() {
  const { asOf } = useAsOf();
  const search = useAsOfSearch();
  const query = useDepartments({ asOf });
  return (
    <>
      <PageHeader title="Departments" subtitle="Pick a department to see its trend, managers and people." busy={query.isPlaceholderData} />
      <QueryView
        query={query}
        isEmpty={(data) => data.departments.length === 0}
        empty={<EmptyState title="No departments yet">Departments appear after the first sync brings in CRM users.</EmptyState>}
      >
        {(data) => (
          <TableScroll className="card" label="Departments" asOf={data.asOf}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Department</th>
                  <th scope="col" className="num">
                    Seat holders
                  </th>
                  <th scope="col" className="num">
                    Health
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {[
                  { department: ORGANISATION, label: 'Organisation', scope: data.organisation },
                  ...data.departments.map((d) => ({ department: d.department, label: d.department, scope: d })),
                ].map(({ department, label, scope }) => (
                  <tr key={department} data-testid={`dept-row-${label}`}>
                    <th scope="row">
                      <Link to={`/departments/${encodeURIComponent(department)}${search}`}>{label}</Link>
                    </th>
                    <td className="num">
                      <Explained how={SEAT_HOLDERS_DEFINITION}>{formatCount(scope.seatHolders)}</Explained>
                    </td>
                    <td className="num">
                      <Explained how={HEALTH_DEFINITION} title="Health">
                        {formatHealth(scope.health)}
                      </Explained>
                    </td>
                    <td>
                      <StatusBadge status={scope.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryView>
    </>
  );
}
