import { Button } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { homeOf } from '../auth/session';
import { roleLabels } from '../labels';
import { Outcome } from './Outcome';

/** A role's pages: signed-in people of that role only; others are told so (the API would refuse them anyway). */
export function RoleGate({ only: role }: { only: Role }) {
  const auth = useAuth();
  const location = useLocation();
  if (!auth.session) {
    const next = location.pathname + location.search;
    if (auth.mode === 'local') return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
    return <ManagedSignIn next={next} />;
  }
  if (auth.session.role !== role) {
    return (
      <Outcome
        kind="forbidden"
        title="无权访问"
        detail={`此页面供${roleLabels[role]}使用，您当前以${roleLabels[auth.session.role]}身份登录。`}
        extra={
          <Link to={homeOf[auth.session.role]}>
            <Button type="primary">返回我的首页</Button>
          </Link>
        }
      />
    );
  }
  return <Outlet />;
}

/** `/console/`: each role's own first page. */
export function HomeRedirect() {
  const auth = useAuth();
  if (!auth.session) {
    if (auth.mode === 'local') return <Navigate to="/sign-in" replace />;
    return <ManagedSignIn next="/" />;
  }
  return <Navigate to={homeOf[auth.session.role]} replace />;
}

/** Cognito: off to the managed login page (or, when a token opened no session, why not). */
function ManagedSignIn({ next }: { next: string }) {
  const auth = useAuth();
  useEffect(() => {
    if (!auth.problem) auth.signIn(next);
  }, [auth, next]);
  if (!auth.problem) return null;
  return (
    <Outcome
      kind="warning"
      title="无法登录"
      detail={auth.problem}
      extra={
        <Button type="primary" onClick={() => auth.signOut()}>
          换个账号登录
        </Button>
      }
    />
  );
}
