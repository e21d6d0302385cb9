/**
 * A unit's recorded changes (GET /units/{unitId}/history), newest first: who changed what, each
 * field before → after — so the office can tell since when reminders went to a new contact.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import { allPages, keys } from '../api/queries';
import type { components } from '../api/schema';
import type { Unit } from '../api/types';
import { formatDateTime } from '../format';
import { roleLabels, unitKindLabels } from '../labels';
import { Problem } from './Problem';

type UnitEvent = components['schemas']['UnitEvent'];

const FIELD_NAMES: Record<string, string> = { name: '单位名称', kind: '类别', contacts: '联系人' };

interface Contact {
  role?: string;
  name?: string;
  email?: string;
}

const contactText = (c: Contact) => `${c.role === 'head' ? '负责人' : '联络员'} ${c.name ?? ''} ${c.email ?? ''}`.trim();

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（无）';
  if (field === 'kind') return unitKindLabels[value as Unit['kind']] ?? String(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** One field's change: contacts as the ones removed and the ones added (a list of six is unreadable side by side). */
function Change({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const label = <Typography.Text strong>{FIELD_NAMES[field] ?? field}：</Typography.Text>;
  if (field === 'contacts' && Array.isArray(before) && Array.isArray(after)) {
    const was = (before as Contact[]).map(contactText);
    const is = (after as Contact[]).map(contactText);
    return (
      <div>
        {label}
        {was
          .filter((c) => !is.includes(c))
          .map((c) => (
            <div key={`-${c}`} className="unit-change-removed">
              删除 {c}
            </div>
          ))}
        {is
          .filter((c) => !was.includes(c))
          .map((c) => (
            <div key={`+${c}`} className="unit-change-added">
              新增 {c}
            </div>
          ))}
      </div>
    );
  }
  return (
    <div>
      {label}
      {shown(field, before)} → {shown(field, after)}
    </div>
  );
}

export function UnitHistoryButton({ unit }: { unit: Unit }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`${unit.name}的变更记录`}>
        记录
      </Button>
      {open ? (
        <Drawer open size={560} title={`变更记录：${unit.name}`} onClose={() => setOpen(false)}>
          <UnitHistory unitId={unit.id} />
        </Drawer>
      ) : null}
    </>
  );
}

function UnitHistory({ unitId }: { unitId: string }) {
  const history = useQuery({
    queryKey: [...keys.units, unitId, 'history'],
    queryFn: () =>
      allPages<UnitEvent>((cursor) =>
        ok(api.GET('/units/{unitId}/history', { params: { path: { unitId }, query: { limit: 100, cursor } } })),
      ),
  });
  if (history.isPending) return <Spin />;
  if (history.isError) return <Problem error={history.error} retry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Empty description="登记以来没有修改过" />;
  return (
    <Timeline
      items={[...history.data].reverse().map((event) => ({
        key: event.seq,
        content: (
          <div className="unit-event">
            <Typography.Text type="secondary">
              {formatDateTime(event.at)}　{roleLabels[event.actor.role]}修改
            </Typography.Text>
            {Object.entries(event.data.changes).map(([field, change]) => (
              <Change key={field} field={field} before={change.before} after={change.after} />
            ))}
          </div>
        ),
      }))}
    />
  );
}
