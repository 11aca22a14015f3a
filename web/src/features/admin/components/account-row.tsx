import { ROLES, type AccountView, type Role, type UpdateAccountRequest } from '@uptake/shared';
import { useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { useUpdateUser } from '../api/update-user';
import { DepartmentPicker } from './department-picker';

function formatInstant(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/** One account: its role and departments can be changed and saved, and it can be disabled or enabled. */
export function AccountRow({ account, isSelf }: { account: AccountView; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(account.role);
  const [departments, setDepartments] = useState<string[]>(account.departments);
  const update = useUpdateUser();
  const changes: UpdateAccountRequest = {};
  if (role !== account.role) changes.role = role;
  if (role === 'trainer' && [...departments].sort().join('\n') !== [...account.departments].sort().join('\n'))
    changes.departments = departments;
  const dirty = Object.keys(changes).length > 0;
  const error = update.error instanceof ApiError ? update.error : null;
  const label = account.name ? `${account.name} (${account.email})` : account.email;

  return (
    <tr>
      <th scope="row">
        {account.name ?? account.email}
        {account.name ? <span className="person-email"> {account.email}</span> : null}
        {isSelf ? <span className="muted"> (you)</span> : null}
        {account.sso ? <span className="muted"> · single sign-on</span> : null}
      </th>
      <td>
        <select aria-label={`Role of ${label}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </td>
      <td>
        {role === 'trainer' ? (
          <DepartmentPicker label={`Departments of ${label}`} value={departments} onChange={setDepartments} />
        ) : (
          <span className="muted">{role === 'admin' ? 'all' : 'aggregates only'}</span>
        )}
      </td>
      <td>{account.disabled ? <span className="badge badge-red">disabled</span> : <span className="badge badge-green">active</span>}</td>
      <td>{formatInstant(account.lastLoginAt)}</td>
      <td>
        <div className="row">
          <button
            type="button"
            className="button button-small"
            disabled={!dirty || update.isPending}
            onClick={() => update.mutate({ id: account.id, changes })}
          >
            Save
          </button>
          <button
            type="button"
            className={account.disabled ? 'button button-secondary button-small' : 'button button-danger button-small'}
            disabled={update.isPending || (isSelf && !account.disabled)}
            onClick={() => update.mutate({ id: account.id, changes: { disabled: !account.disabled } })}
          >
            {account.disabled ? 'Enable' : 'Disable'}
          </button>
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
