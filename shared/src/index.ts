export * from './metrics/metric-catalogue';
export * from './rules/field-filled.util';
export * from './rules/health.util';
export * from './plan/launch-plan.schema';
export * from './plan/plan-diff.util';
export * from './api/api.schemas';
export * from './api/dashboard.schemas';
export * from './api/auth.schemas';
