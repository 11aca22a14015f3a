import { useNavigate } from 'react-router';
import { useSession } from '../api/get-session';
import { useLogout } from '../api/logout';

/** Header item: who is signed in, with which role, and a sign-out button. */
export function AccountMenu() {
  const session = useSession();
  const navigate = useNavigate();
  const signOut = useLogout({ onSuccess: () => navigate('/login', { replace: true }) });
  const account = session.data?.account;
  if (!account) return null;
  return (
    <div className="account-menu" style={{ display: 'flex', alignItems: 'center', gap: '0.4rem', flexWrap: 'wrap' }}>
      <span className="account-name" title={account.email}>
        {account.name ?? account.email}
      </span>{' '}
      <span className="badge badge-none" aria-label={`role: ${account.role}`}>
        {account.role}
      </span>{' '}
      <button type="button" className="button button-secondary button-small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </div>
  );
}
