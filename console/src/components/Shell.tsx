import { LogoutOutlined } from '@ant-design/icons';
import { Button, Spin, Tag } from 'antd';
import { Suspense } from 'react';
import { useIsFetching } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigation } from 'react-router-dom';
import { useOffices, useUnitName } from '../api/queries';
import { useOfficeToDo } from '../api/to-do';
import type { Role } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { roleLabels } from '../labels';
import { BoardWarmUp } from './BoardWarmUp';
import { OfficeBar } from './OfficeBar';

/** Each role's pages, in the order of its work. */
/** `below`: shown only to an office with offices below it (纵向到底). */
const menus: Record<Role, { path: string; label: string; below?: true }[]> = {
  office: [
    { path: '/office/board', label: '督查台账' },
    { path: '/office/to-do', label: '待办' },
    { path: '/office/items/new', label: '立项派发' },
    { path: '/office/notices', label: '通报与整改' },
    { path: '/office/referrals', label: '移送监察机关' },
    { path: '/office/units', label: '责任单位' },
    { path: '/office/calendar', label: '工作日历' },
    { path: '/office/tree', label: '下级督查', below: true },
  ],
  unit: [
    { path: '/unit/inbox', label: '待办事项' },
    { path: '/unit/rectifications', label: '整改报告' },
  ],
  leader: [
    { path: '/leader/dashboard', label: '督查概览' },
    { path: '/leader/assessment', label: '年度考核' },
    { path: '/leader/board', label: '督查台账' },
    { path: '/leader/tree', label: '下级督查', below: true },
  ],
  inspector: [{ path: '/inspector/queue', label: '核查任务' }],
};

/** The board of the roles that have one. */
const boardOf: Partial<Record<Role, string>> = { office: '/office/board', leader: '/leader/board' };

/** The longest menu path the location starts with: /office/items/abc keeps 督查台账 lit, /office/items/new 立项派发. */
function selectedKey(role: Role, pathname: string): string | undefined {
  const matches = menus[role].filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`));
  if (matches.length > 0) return matches.sort((a, b) => b.path.length - a.path.length)[0]?.path;
  if (pathname.startsWith(`/${role}/items/`)) return menus[role][0]?.path;
  return undefined;
}

/** The office's 待办 in the menu: how many things wait on it (a minute old at most), once every list is read. */
function ToDoCount() {
  const toDo = useOfficeToDo();
  if (!toDo.ready || toDo.total === 0) return null;
  return (
    <Tag color="red" className="menu-count" data-testid="to-do-count">
      {toDo.total}
    </Tag>
  );
}

export function Shell() {
  const auth = useAuth();
  const location = useLocation();
  const navigation = useNavigation();
  const session = auth.session;
  const unitName = useUnitName(Boolean(session));
  const busy = useIsFetching() > 0 || navigation.state !== 'idle';
  const offices = useOffices(Boolean(session));
  const hasOfficesBelow = (offices.data?.below.length ?? 0) > 0;

  return (
    <div className="shell">
      <header className="shell-header">
        <Link to="/" className="shell-title">
          督查管理电子平台
        </Link>
        <span className="shell-busy" aria-live="polite">
          {navigation.state === 'loading' ? <Spin size="small" /> : null}
        </span>
        {session ? (
          <span className="shell-user">
            <Tag color="blue">{roleLabels[session.role]}</Tag>
            {session.unitId ? <span className="shell-unit">{unitName(session.unitId)}</span> : null}
            {session.name ? <span className="shell-name">{session.name}</span> : null}
            <Button size="small" icon={<LogoutOutlined />} onClick={() => auth.signOut()}>
              退出登录
            </Button>
          </span>
        ) : null}
      </header>
      {session ? <OfficeBar session={session} /> : null}
      <div className="shell-body">
        {session ? (
          <aside className="shell-sider">
            {/* Plain links: a menu of five pages needs no menu widget, and every link is reachable with Tab. */}
            <nav aria-label="主菜单" className="shell-nav">
              <ul>
                {menus[session.role]
                  .filter((m) => !m.below || hasOfficesBelow)
                  .map((m) => {
                    const current = selectedKey(session.role, location.pathname) === m.path;
                    return (
                      <li key={m.path}>
                        <Link to={m.path} className={current ? 'current' : undefined} aria-current={current ? 'page' : undefined}>
                          {m.label}
                          {m.path === '/office/to-do' ? <ToDoCount /> : null}
                        </Link>
                      </li>
                    );
                  })}
              </ul>
            </nav>
          </aside>
        ) : null}
        {/* The board is where the office and the leaders return to: made ready while they read another page. */}
        {session &&
        (session.role === 'office' || session.role === 'leader') &&
        selectedKey(session.role, location.pathname) !== boardOf[session.role] ? (
          <BoardWarmUp filters={session.role === 'leader' && session.leaderId ? { leader: 'me' } : {}} />
        ) : null}
        {/* Busy while the page's data loads: a screen reader waits to read it, and so do the browser tests. */}
        <main className="shell-content" aria-busy={busy}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
