import type { Provider } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service';
import { DepartmentDirectory } from './department-directory';

export { DepartmentDirectory } from './department-directory';

/** The departments of the launch plan and of the CRM data, as every page knows them. */
export function departmentDirectoryOf(metrics: MetricsService): DepartmentDirectory {
  return { assignable: () => metrics.departmentNames() };
}

export const DEPARTMENT_DIRECTORY_PROVIDER: Provider = {
  provide: DepartmentDirectory,
  useFactory: departmentDirectoryOf,
  inject: [MetricsService],
};
