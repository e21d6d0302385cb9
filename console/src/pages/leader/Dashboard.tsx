/**
 * 督查概览 for the city's leaders, from GET /reports/overview: the ledger by
 * status, source and light, the year's on-time rate, the red items and the
 * units with most of them, this week's deadlines, rectifications owed.
 * Read-only: a leader opens any item, changes none.
 */
import { Card, Col, Empty, Flex, List, Row, Segmented, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { useOverview } from '../../api/queries';
import type { Overview } from '../../api/types';
import { Chart } from '../../components/Chart';
import { Problem } from '../../components/Problem';
import { LightTag, StatusTag } from '../../components/Tags';
import { formatDate, formatPercent } from '../../format';
import { lightLabels, sourceLabels, statusLabels } from '../../labels';

type OverviewItem = Overview['dueThisWeek']['items'][number];
type RedItem = Overview['redItems'][number];

const LIGHT_COLOURS = { red: '#d4380d', yellow: '#faad14', green: '#389e0d' } as const;

function countsBar(counts: Partial<Record<string, number>>, labels: Record<string, string>, colour: string): EChartsOption {
  const keys = Object.keys(labels);
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: keys.map((k) => labels[k] ?? k), inverse: true },
    series: [
      { type: 'bar', data: keys.map((k) => counts[k] ?? 0), itemStyle: { color: colour }, label: { show: true, position: 'right' } },
    ],
  };
}

function lightPie(byLight: Overview['byLight']): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '44%'],
        label: { position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 'bold' },
        data: (['red', 'yellow', 'green'] as const).map((light) => ({
          name: lightLabels[light],
          value: byLight[light] ?? 0,
          itemStyle: { color: LIGHT_COLOURS[light] },
        })),
      },
    ],
  };
}

const itemLink = (item: { id: string; title: string }) => <Link to={`/leader/items/${encodeURIComponent(item.id)}`}>{item.title}</Link>;

export default function Dashboard() {
  // A leader with a portfolio (分管领导) opens on it; 全市 is a click away and stays in the address.
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const portfolio = Boolean(session?.leaderId);
  const mine = portfolio && params.get('scope') !== 'all';
  const overview = useOverview(undefined, mine ? 'me' : undefined);
  if (overview.isPending) return <Spin />;
  if (overview.isError) return <Problem error={overview.error} retry={() => void overview.refetch()} />;
  const o = overview.data;
  const open = Object.entries(o.byStatus)
    .filter(([status]) => status !== 'closed')
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">督查概览{mine ? '（我分管的事项）' : ''}</h1>
        <Flex gap={12} align="center">
          {portfolio ? (
            <Segmented
              aria-label="范围"
              value={mine ? 'mine' : 'all'}
              options={[
                { value: 'mine', label: '我分管的' },
                { value: 'all', label: '全市' },
              ]}
              onChange={(v) => setParams(v === 'all' ? { scope: 'all' } : {}, { replace: true })}
            />
          ) : null}
          <Typography.Text type="secondary">截至 {formatDate(o.asOf)}</Typography.Text>
        </Flex>
      </div>
      <Row gutter={[16, 16]}>
        {[
          { id: 'total', title: '纳入统计事项', value: o.total, suffix: '项' },
          { id: 'open', title: '在办事项', value: open, suffix: '项' },
          { id: 'red', title: '红灯（逾期）', value: o.byLight.red ?? 0, suffix: '项', colour: LIGHT_COLOURS.red },
          { id: 'yellow', title: '黄灯（预警）', value: o.byLight.yellow ?? 0, suffix: '项', colour: '#d48806' },
          {
            id: 'on-time',
            title: `${o.completion.year} 年按时办结率`,
            value: o.completion.onTimeRate === null ? '—' : formatPercent(o.completion.onTimeRate),
          },
          { id: 'rectifications', title: '待整改', value: o.rectificationsOwed.length, suffix: '家' },
        ].map((s) => (
          <Col key={s.id} span={4}>
            <Card size="small" data-testid={`stat-${s.id}`}>
              <Statistic
                title={s.title}
                value={s.value}
                suffix={s.suffix}
                styles={{ content: s.colour ? { color: s.colour } : undefined }}
              />
            </Card>
          </Col>
        ))}
        <Col span={8}>
          <Card size="small" title="按状态">
            <Chart label="按状态统计事项数" option={countsBar(o.byStatus, statusLabels, '#1677ff')} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="按来源">
            <Chart label="按来源统计事项数" option={countsBar(o.bySource, sourceLabels, '#b8282e')} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="红黄绿灯">
            <Chart label="按红黄绿灯统计事项数" option={lightPie(o.byLight)} />
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small" title={`红灯事项（${o.redItems.length}）`}>
            <Table<RedItem>
              rowKey="id"
              size="small"
              pagination={o.redItems.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
              dataSource={o.redItems}
              locale={{ emptyText: <Empty description="没有逾期事项" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: '督查事项', key: 'title', render: (_, i) => itemLink(i) },
                { title: '牵头单位', dataIndex: 'leadUnitName', width: 150 },
                { title: '完成时限', dataIndex: 'dueDate', width: 100, render: (d: string) => formatDate(d) },
                {
                  title: '逾期',
                  dataIndex: 'daysLate',
                  width: 80,
                  // Why it is red, as the API words it (a missed report too), on hover.
                  render: (d: number, i) => (
                    <Tooltip title={i.lightReason}>
                      <Typography.Text type="danger" aria-label={i.lightReason}>
                        {d} 天
                      </Typography.Text>
                    </Tooltip>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="红灯最多的单位">
            <List
              size="small"
              dataSource={o.unitsWithMostRed}
              locale={{ emptyText: '没有单位有红灯事项' }}
              renderItem={(u, index) => (
                <List.Item>
                  <span>
                    {index + 1}. {u.name}
                  </span>
                  <Typography.Text type="danger">{u.redItems} 项</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small" title={`本周到期（${formatDate(o.dueThisWeek.from)} 至 ${formatDate(o.dueThisWeek.to)}）`}>
            <Table<OverviewItem>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.dueThisWeek.items}
              locale={{ emptyText: <Empty description="本周没有到期事项" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { title: '督查事项', key: 'title', render: (_, i) => itemLink(i) },
                { title: '牵头单位', dataIndex: 'leadUnitName', width: 150 },
                { title: '完成时限', dataIndex: 'dueDate', width: 100, render: (d: string) => formatDate(d) },
                { title: '状态', dataIndex: 'status', width: 130, render: (s: OverviewItem['status']) => <StatusTag status={s} /> },
                { title: '红黄绿灯', key: 'light', width: 90, render: (_, i) => <LightTag item={i} /> },
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="待整改单位">
            <List
              size="small"
              dataSource={o.rectificationsOwed}
              locale={{ emptyText: '没有待整改的单位' }}
              renderItem={(r) => (
                <List.Item>
                  <span>{r.name}</span>
                  <Typography.Text type="secondary">{formatDate(r.due)} 前</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
