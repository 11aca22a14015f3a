import { Link, useLocation } from 'react-router';
import { PageHeader } from '@/components/layouts/page-header';

export default function NotFoundRoute() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no page at <code>{location.pathname}</code>. <Link to="/">Go to the overview</Link>.
      </p>
    </>
  );
}
