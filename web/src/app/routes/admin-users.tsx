import { UsersPage } from '@/features/admin/components/users-page';

export default function UsersRoute() {
  return <UsersPage />;
}
