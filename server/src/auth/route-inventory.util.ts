import { isDocsPath, ROUTE_POLICIES, routeKey } from './route-policy';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** The Express application (`app.getHttpAdapter().getInstance()`), as far as routes go. */
export interface ExpressLike {
  router?: { stack: ExpressLayer[] };
  _router?: { stack: ExpressLayer[] };
}

/**
 * Every route registered in Express after Nest's init, as `METHOD /path` keys of ROUTE_POLICIES,
 * except those served outside Nest's guards (Swagger UI under /api/docs).
 */
export function registeredRouteKeys(express: ExpressLike): string[] {
  const stack = (express.router ?? express._router)?.stack ?? [];
  const keys = stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => routeKey(method, layer.route?.path ?? ''))
      : [],
  );
  return [...new Set(keys)].filter((key) => !isDocsPath(key.split(' ')[1]));
}

/** Routes nobody classified (answered for admins only), and table entries no route matches any more. */
export function unclassifiedRoutes(express: ExpressLike): { unclassified: string[]; stale: string[] } {
  const registered = registeredRouteKeys(express);
  return {
    unclassified: registered.filter((key) => !ROUTE_POLICIES[key]),
    stale: Object.keys(ROUTE_POLICIES).filter((key) => !registered.includes(key)),
  };
}
