/**
 * 督查台账: the ledger board the office and the leaders work from. Filters
 * live in the address (a filtered board can be bookmarked or sent), pages
 * follow the API's cursor, and the rows come in the API's order: by due date,
 * soonest first. Export hands over the API's own spreadsheet, name and all.
 */
import { CalendarOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { bearer } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { downloadFile } from '../api/download';
import { messageOf } from '../api/errors';
import { useItemsPage, useLeaders, useUnits } from '../api/queries';
import { lightLabels, sourceLabels, statusLabels } from '../labels';
import { FILTER_NAMES, type FilterName, ledgerFilters, pageQuery } from '../ledger-filters';
import { ItemsTable } from './ItemsTable';
import { Problem } from './Problem';
import { useToast } from './Toast';
import { responsibleUnitOptions } from '../units';

const DueRangePicker = lazy(() => import('./DueRangePicker'));

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export function Ledger({
  itemPath,
  exportAllowed,
  actions,
}: {
  itemPath: (id: string) => string;
  exportAllowed: boolean;
  actions?: ReactNode;
}) {
  const message = useToast();
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [pickingDue, setPickingDue] = useState(false);
  const units = useUnits();
  const leaders = useLeaders();
  const auth = useAuth();

  const filters = useMemo(() => ledgerFilters(params), [params]);
  // 分管领导: the people of the roster with a leaderId; a leader signed in as one also finds `me` here.
  const leaderOptions = useMemo(
    () => [...(auth.session?.leaderId ? [{ value: 'me', label: '我分管的' }] : []), ...leaders.options],
    [leaders.options, auth.session?.leaderId],
  );
  const q = params.get('q')?.trim() || undefined;
  const page = useItemsPage(pageQuery(params, cursors[cursors.length - 1]));

  /** A changed filter replaces the address (no history entry per click) and starts again at page 1. */
  const setFilters = (values: Partial<Record<FilterName, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
    setCursors([undefined]);
  };
  const setFilter = (name: FilterName, value: string | undefined) => setFilters({ [name]: value });
  /** A drop-down filter: its label is its placeholder and its accessible name. */
  const filterSelect = (name: FilterName, label: string, width: number, options: { value: string; label: string }[], search = false) => (
    <Select
      aria-label={label}
      placeholder={label}
      allowClear
      {...(search ? { showSearch: { optionFilterProp: 'label' } } : {})}
      style={{ width }}
      value={params.get(name) ?? undefined}
      onChange={(v) => setFilter(name, v)}
      options={options}
    />
  );
  const dueFrom = params.get('dueFrom');
  const dueTo = params.get('dueTo');
  const filtered = FILTER_NAMES.some((name) => params.get(name));
  const clear = () => {
    setParams(new URLSearchParams(), { replace: true });
    setCursors([undefined]);
    setPickingDue(false);
  };

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    setExporting(kind);
    try {
      const search = new URLSearchParams(filters as Record<string, string>);
      const name = await downloadFile(
        `/reports/ledger.${kind}${search.size > 0 ? `?${search}` : ''}`,
        {
          ...bearer(),
          Accept: kind === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
        },
        `督查台账.${kind}`,
      );
      message.success(`已导出 ${name}`);
    } catch (error) {
      message.error(`导出未成功：${messageOf(error)}`);
    } finally {
      setExporting(null);
    }
  };

  if (page.isError && !page.data) return <Problem error={page.error} retry={() => void page.refetch()} />;

  const items = page.data?.items ?? [];
  const unitOptions = responsibleUnitOptions(units.data);
  const empty = filtered ? (
    <Empty description="没有符合筛选条件的事项：请调整或清除筛选条件。">
      <Button onClick={clear}>清除筛选</Button>
    </Empty>
  ) : (
    <Empty description="台账中还没有事项。">{actions}</Empty>
  );

  return (
    <>
      <Flex className="filters" wrap gap={8} align="center" role="search" aria-label="筛选督查事项">
        <Input.Search
          key={params.get('q') ?? ''}
          aria-label="搜索"
          placeholder="搜索事项名称、文号、内容"
          allowClear
          defaultValue={params.get('q') ?? ''}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          style={{ width: 240 }}
        />
        {filterSelect('source', '来源', 150, options(sourceLabels))}
        {filterSelect('status', '状态', 150, options(statusLabels))}
        {filterSelect('light', '红黄绿灯', 110, options(lightLabels))}
        {filterSelect('unit', '责任单位', 190, unitOptions, true)}
        {leaderOptions.length > 0 ? filterSelect('leader', '分管领导', 130, leaderOptions) : null}
        {filterSelect('findings', '报送内容', 150, [{ value: 'true', label: '最近报送有内容提示' }])}
        {dueFrom || dueTo || pickingDue ? (
          <Suspense fallback={<Button loading>完成时限</Button>}>
            <DueRangePicker
              from={dueFrom ?? undefined}
              to={dueTo ?? undefined}
              open={pickingDue}
              onChange={(from, to) => setFilters({ dueFrom: from, dueTo: to })}
            />
          </Suspense>
        ) : (
          <Button icon={<CalendarOutlined />} onClick={() => setPickingDue(true)}>
            完成时限
          </Button>
        )}
        {filtered ? <Button onClick={clear}>清除筛选</Button> : null}
        <span style={{ flex: 1 }} />
        <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void page.refetch()} />
        {exportAllowed ? (
          <>
            <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void exportAs('csv')}>
              导出 CSV
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportAs('xlsx')}>
              导出 Excel
            </Button>
          </>
        ) : null}
      </Flex>
      <ItemsTable
        items={items}
        loading={page.isFetching}
        itemPath={itemPath}
        empty={page.isPending ? ' ' : empty}
        extraColumns={
          leaders.options.length > 0
            ? [
                {
                  title: '分管领导',
                  key: 'leader',
                  width: 96,
                  render: (_, item) => (item.leaderInCharge ? leaders.nameOf(item.leaderInCharge) : '—'),
                },
              ]
            : []
        }
        caption={
          <span className="secondary">
            按完成时限先后排列{q ? `；搜索“${q}”` : ''}；第 {cursors.length} 页，本页 {items.length} 项
          </span>
        }
      />
      <div className="pager">
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </Button>
        <span>第 {cursors.length} 页</span>
        <Button disabled={!page.data?.cursor || page.isPlaceholderData} onClick={() => setCursors([...cursors, page.data?.cursor])}>
          下一页
        </Button>
      </div>
    </>
  );
}
