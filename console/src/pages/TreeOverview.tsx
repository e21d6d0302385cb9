/**
 * 纵向到底: the city's view of the offices below it (GET /reports/tree), for its office and leaders. One row per
 * office, as its own daily run summed it up (open items, red ones, the year's on-time rate, items it passed down,
 * notices it issued), and the red items of every level, longest late first, each with the path to it (市 → 县) and
 * the unit that answers for it. Read only.
 */
import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { Schemas } from '../api/types';
import { Problem } from '../components/Problem';
import { formatDate, formatPercent } from '../format';

type Tree = Schemas['TreeOverview'];
type Row = Tree['offices'][number];
type RedItem = Tree['redItems'][number];

export default function TreeOverview() {
  const tree = useQuery({ queryKey: ['tree'], queryFn: () => ok(api.GET('/reports/tree')), staleTime: 60_000 });
  if (tree.isError) return <Problem error={tree.error} retry={() => void tree.refetch()} />;
  return (
    <>
      <h1 className="page-title">下级督查</h1>
      <Typography.Paragraph type="secondary">
        各级督查机构本级台账的情况，以各机构最近一次每日督办的统计为准；红灯事项按逾期天数排列，注明所在机构与牵头单位。
      </Typography.Paragraph>
      <Card title="各级督查机构" style={{ marginBottom: 16 }}>
        <Table<Row>
          rowKey={(r) => r.office.id}
          size="middle"
          loading={tree.isPending}
          pagination={false}
          dataSource={tree.data?.offices ?? []}
          columns={[
            { title: '督查机构', key: 'path', render: (_, r) => r.path.join(' / ') },
            { title: '在办事项', key: 'open', width: 100, render: (_, r) => r.summary?.open ?? '—' },
            {
              title: '红灯',
              key: 'red',
              width: 80,
              render: (_, r) =>
                r.summary ? <Tag color={(r.summary.byLight.red ?? 0) > 0 ? 'red' : undefined}>{r.summary.byLight.red ?? 0}</Tag> : '—',
            },
            {
              title: '本年按期办结率',
              key: 'rate',
              width: 140,
              render: (_, r) => (r.summary?.completion.onTimeRate == null ? '—' : formatPercent(r.summary.completion.onTimeRate)),
            },
            { title: '分解下达', key: 'cascaded', width: 100, render: (_, r) => r.summary?.cascaded ?? '—' },
            { title: '本年通报', key: 'notices', width: 100, render: (_, r) => r.summary?.notices ?? '—' },
            { title: '统计日期', key: 'asOf', width: 140, render: (_, r) => (r.summary ? formatDate(r.summary.asOf) : '尚未统计') },
          ]}
        />
      </Card>
      <Card title="各级红灯事项">
        <Table<RedItem>
          rowKey={(i) => `${i.office}-${i.id}`}
          size="middle"
          loading={tree.isPending}
          pagination={(tree.data?.redItems.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: tree.isPending ? ' ' : <Empty description="各级均没有红灯事项" /> }}
          dataSource={tree.data?.redItems ?? []}
          columns={[
            { title: '督查事项', dataIndex: 'title' },
            { title: '所在机构', key: 'path', render: (_, i) => i.path.join(' / ') },
            { title: '牵头单位', dataIndex: 'leadUnitName', width: 180 },
            { title: '完成时限', key: 'due', width: 140, render: (_, i) => formatDate(i.dueDate) },
            { title: '逾期', key: 'late', width: 100, render: (_, i) => <Tag color="red">{`逾期 ${i.daysLate} 天`}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}
