import { TableScroll } from '@/components/ui/table-scroll';
import type { CreatedAccountResponse } from '@uptake/shared';
import { useState } from 'react';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { useSession } from '@/features/auth/api/get-session';
import { useUsers } from '../api/get-users';
import { AccountRow } from './account-row';
import { CreateUserForm } from './create-user-form';

/** Accounts and roles (admins): add accounts, change roles and trainers' departments, disable accounts. */
export function UsersPage() {
  const users = useUsers();
  const session = useSession();
  const [created, setCreated] = useState<CreatedAccountResponse | null>(null);
  return (
    <>
      <PageHeader title="Users" subtitle="Who may sign in, and what each role may see. Every change is written to the audit log." />
      <div className="stack">
        <Section title="Add an account">
          {created ? (
            <div className="form-success" role="status">
              <p>
                Account {created.account.email} added as {created.account.role}.
              </p>
              {created.generatedPassword ? (
                <p>
                  Its password, shown only now: <code data-testid="generated-password">{created.generatedPassword}</code>
                </p>
              ) : null}
            </div>
          ) : null}
          <CreateUserForm onCreated={setCreated} />
        </Section>
        <Section title="Accounts">
          <QueryView query={users} loadingLabel="Loading accounts…">
            {(accounts) => (
              <TableScroll label="Accounts">
                <table>
                  <caption className="visually-hidden">Accounts with their role, departments and state</caption>
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col">Role</th>
                      <th scope="col">People they may see</th>
                      <th scope="col">State</th>
                      <th scope="col">Last sign-in</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {accounts.map((account) => (
                      <AccountRow
                        key={`${account.id}:${account.role}:${account.departments.join(',')}:${account.disabled}`}
                        account={account}
                        isSelf={account.id === session.data?.account.id}
                      />
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </QueryView>
        </Section>
      </div>
    </>
  );
}
