/**
 * The console's pages, grouped by role. Every page is its own lazily loaded
 * chunk, so a person downloads only the pages they open: the board never
 * carries the charts, the forms or the other roles' pages.
 */
import { Spin } from 'antd';
import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { prefetchBoard } from './api/prefetch';
import { NotFoundPage } from './components/Problem';
import { RouteError } from './components/RouteError';
import { HomeRedirect, RoleGate } from './components/RoleGate';
import { Shell } from './components/Shell';

const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Shell />,
    errorElement: <RouteError />,
    // While the first page's code loads (a moment): a spinner in place of the whole frame.
    HydrateFallback: () => <Spin style={{ display: 'block', marginTop: 120 }} />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'sign-in', lazy: page(() => import('./pages/SignIn')) },
      {
        path: 'office',
        element: <RoleGate only="office" />,
        children: [
          { index: true, element: <Navigate to="board" replace /> },
          { path: 'board', loader: prefetchBoard, lazy: page(() => import('./pages/office/LedgerBoard')) },
          { path: 'to-do', lazy: page(() => import('./pages/office/ToDo')) },
          { path: 'items/new', lazy: page(() => import('./pages/office/RegisterItem')) },
          { path: 'items/import', lazy: page(() => import('./pages/office/ImportLedger')) },
          { path: 'items/:id', lazy: page(() => import('./pages/office/ItemPage')) },
          { path: 'notices', lazy: page(() => import('./pages/office/Notices')) },
          { path: 'notices/new', lazy: page(() => import('./pages/office/IssueNotice')) },
          { path: 'notices/:id', lazy: page(() => import('./pages/office/NoticePage')) },
          { path: 'referrals', lazy: page(() => import('./pages/office/Referrals')) },
          { path: 'units', lazy: page(() => import('./pages/office/UnitRoster')) },
          { path: 'units/import', lazy: page(() => import('./pages/office/ImportRoster')) },
          { path: 'calendar', lazy: page(() => import('./pages/office/WorkingCalendar')) },
          { path: 'tree', lazy: page(() => import('./pages/TreeOverview')) },
        ],
      },
      {
        path: 'unit',
        element: <RoleGate only="unit" />,
        children: [
          { index: true, element: <Navigate to="inbox" replace /> },
          { path: 'inbox', lazy: page(() => import('./pages/unit/Inbox')) },
          { path: 'items/:id', lazy: page(() => import('./pages/unit/ItemPage')) },
          { path: 'items/:id/report', lazy: page(() => import('./pages/unit/ReportForm')) },
          { path: 'rectifications', lazy: page(() => import('./pages/unit/Rectifications')) },
        ],
      },
      {
        path: 'leader',
        element: <RoleGate only="leader" />,
        children: [
          { index: true, element: <Navigate to="dashboard" replace /> },
          { path: 'dashboard', lazy: page(() => import('./pages/leader/Dashboard')) },
          { path: 'assessment', lazy: page(() => import('./pages/leader/Assessment')) },
          { path: 'tree', lazy: page(() => import('./pages/TreeOverview')) },
          { path: 'board', loader: prefetchBoard, lazy: page(() => import('./pages/leader/LedgerBoard')) },
          { path: 'items/:id', lazy: page(() => import('./pages/leader/ItemPage')) },
        ],
      },
      {
        path: 'inspector',
        element: <RoleGate only="inspector" />,
        children: [
          { index: true, element: <Navigate to="queue" replace /> },
          { path: 'queue', lazy: page(() => import('./pages/inspector/Queue')) },
          { path: 'items/:id', lazy: page(() => import('./pages/inspector/ItemPage')) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
