import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Shown when a page throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <main className="app-main" id="main">
      <div className="state state-error" role="alert">
        <h1>Something went wrong</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </div>
    </main>
  );
}
