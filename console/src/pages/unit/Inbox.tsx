/**
 * A unit's inbox: its own items (the API sends no others), most urgent
 * first — red, then yellow, then by deadline — with 签收 on the ones this
 * unit has not signed for yet.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Flex, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { canDo } from '../../../../functions/domain/lifecycle';
import { api, ok } from '../../api/client';
import { messageOf } from '../../api/errors';
import { newIdempotencyKey } from '../../api/idempotency';
import { keys, useAllItems } from '../../api/queries';
import type { Item } from '../../api/types';
import { useSession } from '../../auth/AuthContext';
import { Problem } from '../../components/Problem';
import { LightTag, StatusTag } from '../../components/Tags';
import { daysLeftText, formatDate } from '../../format';
import { byUrgency } from '../../light';
import { useToast } from '../../components/Toast';

export default function Inbox() {
  const session = useSession();
  const unitId = session.unitId!;
  const message = useToast();
  const queryClient = useQueryClient();
  const [showClosed, setShowClosed] = useState(false);
  const items = useAllItems({});

  const acknowledge = useMutation({
    mutationFn: (item: Item) =>
      ok(api.POST('/items/{id}/acknowledge', { params: { path: { id: item.id }, header: { 'Idempotency-Key': newIdempotencyKey() } } })),
    onSuccess: (item) => {
      message.success(`已签收：${item.title}`);
      void queryClient.invalidateQueries({ queryKey: keys.allItems });
      queryClient.setQueryData(keys.item(item.id), item);
    },
    onError: (error) => message.error(`签收未成功：${messageOf(error)}`),
  });

  if (items.isError) return <Problem error={items.error} retry={() => void items.refetch()} />;
  const all = [...(items.data ?? [])].sort(byUrgency);
  const shown = showClosed ? all : all.filter((i) => i.status !== 'closed');
  const unsigned = all.filter((i) => !i.acknowledgements.some((a) => a.unitId === unitId));
  const path = (id: string) => `/unit/items/${encodeURIComponent(id)}`;

  const columns: ColumnsType<Item> = [
    {
      title: '督查事项',
      dataIndex: 'title',
      render: (_, item) => (
        <>
          <Link to={path(item.id)}>{item.title}</Link>
          <Typography.Text type="secondary">
            <br />
            {item.leadUnit === unitId ? '牵头' : '协办'} · {item.sourceRef}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '完成时限',
      dataIndex: 'dueDate',
      width: 130,
      render: (_, item) => (
        <>
          {formatDate(item.dueDate)}
          {item.status !== 'closed' ? (
            <Typography.Text type={item.light === 'red' ? 'danger' : 'secondary'}>
              <br />
              {daysLeftText(item.dueDate)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 128, render: (s: Item['status']) => <StatusTag status={s} /> },
    { title: '红黄绿灯', key: 'light', width: 200, render: (_, item) => <LightTag item={item} withReason /> },
    { title: '下次报送', dataIndex: 'nextReportDue', width: 104, render: (d?: string) => formatDate(d) },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_, item) => {
        const signed = item.acknowledgements.some((a) => a.unitId === unitId);
        return (
          <Space>
            {!signed && canDo('acknowledge', item.status) ? (
              <Button
                size="small"
                type="primary"
                loading={acknowledge.isPending && acknowledge.variables?.id === item.id}
                onClick={() => acknowledge.mutate(item)}
              >
                签收
              </Button>
            ) : null}
            {signed && canDo('report', item.status) ? (
              <Link to={`${path(item.id)}/report`}>
                <Button size="small">报送进展</Button>
              </Link>
            ) : null}
            <Link to={path(item.id)}>
              <Button size="small" type="link">
                详情
              </Button>
            </Link>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">待办事项</h1>
        <Flex gap={12} align="center">
          {unsigned.length > 0 ? <Tag color="red">待签收 {unsigned.length} 项</Tag> : null}
          <Flex gap={6} align="center">
            <Switch size="small" checked={showClosed} onChange={setShowClosed} aria-label="显示已办结" />
            <span aria-hidden>显示已办结</span>
          </Flex>
        </Flex>
      </div>
      <Table<Item>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        loading={items.isFetching}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        title={() => <Typography.Text type="secondary">最紧急的在前：红灯、黄灯，再按完成时限</Typography.Text>}
        locale={{
          emptyText: items.isPending ? (
            ' '
          ) : (
            <Empty
              description={
                all.length === 0
                  ? '本单位暂无督查事项。督查室立项派发后，事项会出现在这里，请及时签收。'
                  : '没有未办结的事项。打开“显示已办结”可查看已办结事项。'
              }
            />
          ),
        }}
      />
    </>
  );
}
