import { Empty, Typography } from 'antd';
import { useAllItems } from '../../api/queries';
import { ItemsTable } from '../../components/ItemsTable';
import { Problem } from '../../components/Problem';
import { formatDate } from '../../format';

/** 核查任务: every item whose lead unit claims it done, oldest claim first. */
export default function Queue() {
  const items = useAllItems({ status: 'completion-claimed' });
  if (items.isError) return <Problem error={items.error} retry={() => void items.refetch()} />;
  const queue = [...(items.data ?? [])].sort((a, b) => (a.completionClaimedOn ?? '').localeCompare(b.completionClaimedOn ?? ''));
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">核查任务</h1>
      </div>
      <ItemsTable
        items={queue}
        loading={items.isFetching}
        itemPath={(id) => `/inspector/items/${encodeURIComponent(id)}`}
        empty={items.isPending ? ' ' : <Empty description="目前没有待核查的事项。责任单位申请办结后，事项会出现在这里。" />}
        caption={<Typography.Text type="secondary">申请办结待核查 {queue.length} 项，按申请先后排列</Typography.Text>}
        extraColumns={[{ title: '申请办结', dataIndex: 'completionClaimedOn', width: 104, render: (d?: string) => formatDate(d) }]}
      />
    </>
  );
}
