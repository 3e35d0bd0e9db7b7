import { Navigate } from 'react-router';
import { useCan, useCurrentUser } from '../../app/auth-guard';

/** Team members and leaders land on the field screen; officers on the establishment board. */
export function HomeRedirect() {
  const can = useCan();
  const me = useCurrentUser();
  const role = me.user.role;
  if ((role === 'team_member' || role === 'team_leader') && can('residents:write')) {
    return <Navigate to="/field" replace />;
  }
  // District and province officers land on the dashboard of the 70% goal.
  if (role === 'district_officer' || role === 'province_officer')
    return <Navigate to="/dashboard" replace />;
  return <Navigate to={can('decisions:write') ? '/coverage' : '/units'} replace />;
}
