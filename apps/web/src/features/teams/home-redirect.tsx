import { Navigate } from 'react-router';
import { useCan } from '../../app/auth-guard';

/** Officers land on the establishment board; everyone else on the units. */
export function HomeRedirect() {
  const can = useCan();
  return <Navigate to={can('decisions:write') ? '/coverage' : '/units'} replace />;
}
