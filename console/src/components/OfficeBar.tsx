/**
 * 纵向到底 in the console: where the person is in the tree of offices (a breadcrumb from the root down to the office
 * whose ledger is shown) and, for the office, leaders and inspectors of an office with offices below it, a switch to
 * read one of those ledgers (read only: the API refuses every write there). Nothing shows for a single office.
 */
import { Alert, Breadcrumb, Button, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { actInOfficeAbove, viewedOffice, viewOffice } from '../api/office-view';
import { useOffices, useUnitName } from '../api/queries';
import { officeDepth } from '../../../functions/domain/offices';
import { type Session, homeOf } from '../auth/session';

export function OfficeBar({ session }: { session: Session }) {
  const offices = useOffices();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const unitName = useUnitName(session.actingFor !== undefined);
  const tree = offices.data;
  if (!tree || (tree.path.length <= 1 && tree.below.length === 0)) return null;
  const viewed = viewedOffice();
  const shown = tree.below.find((o) => o.id === viewed);
  // From the root to the person's office, then down to the office shown.
  const down = shown ? tree.below.filter((o) => shown.id === o.id || shown.id.startsWith(`${o.id}/`)) : [];
  const crumbs = [...tree.path, ...down];
  const canSwitch = session.role !== 'unit' && tree.below.length > 0;
  // A county office's clerk: its government answers for items of the office above (a full reload: another person's pages).
  const above = !viewed && session.role === 'office' ? tree.office : undefined;
  const actAbove = above?.parentId && above.unitId ? { parent: above.parentId, unitId: above.unitId } : undefined;
  const backHome = () => {
    viewOffice(undefined);
    window.location.assign('/console/office/board');
  };

  const switchTo = (id: string) => {
    viewOffice(id === tree.office.id ? undefined : id);
    // Nothing read in one office may be shown as another's.
    queryClient.clear();
    navigate(homeOf[session.role]);
  };

  return (
    <div className="office-bar">
      <Breadcrumb
        aria-label="所在督查机构"
        items={crumbs.map((o, at) => ({ key: o.id, title: at === crumbs.length - 1 ? <strong>{o.name}</strong> : o.name }))}
      />
      {canSwitch ? (
        <Select
          size="small"
          aria-label="查阅的督查机构"
          className="office-switch"
          value={shown?.id ?? tree.office.id}
          onChange={switchTo}
          options={[
            { value: tree.office.id, label: `${tree.office.name}（本机构）`, depth: 0 },
            ...tree.below.map((o) => ({ value: o.id, label: o.name, depth: officeDepth(o.id) - officeDepth(tree.office.id) })),
          ]}
          // Indented by level in the list; the chosen one shows its name alone.
          optionRender={(option) => <span style={{ paddingLeft: (option.data.depth as number) * 16 }}>{option.label}</span>}
          popupMatchSelectWidth={false}
        />
      ) : null}
      {actAbove ? (
        <Button
          size="small"
          onClick={() => {
            actInOfficeAbove(actAbove.parent, actAbove.unitId);
            window.location.assign('/console/unit/inbox');
          }}
        >
          办理上级交办事项
        </Button>
      ) : null}
      {session.actingFor && session.unitId ? (
        <Alert
          type="warning"
          showIcon
          className="office-bar-note"
          title={`正在以${unitName(session.unitId)}身份办理上级督查室交办的事项（签收、报送、申请延期与办结、整改）。`}
          action={
            <Button size="small" onClick={backHome}>
              回到本机构
            </Button>
          }
        />
      ) : null}
      {shown ? (
        <Alert
          type="info"
          showIcon
          className="office-bar-note"
          title={`正在查阅${shown.name}的督查台账（只读）。登记、审批、核查等办理事项请回到本机构进行。`}
        />
      ) : null}
    </div>
  );
}
