/**
 * 待办: what waits on the office — extension requests to decide, completion claims awaiting 核查, rectifications
 * to review, units whose mail bounced, rows an import left to fix. Each list links to the page where it is done;
 * the menu shows the total.
 */
import { Card, Empty, List, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useUnitName } from '../../api/queries';
import { useOfficeToDo } from '../../api/to-do';
import { formatDate, formatDateTime } from '../../format';
import { noticeHeading } from '../../notices';

function Section<T>({
  title,
  items,
  empty,
  render,
  id,
}: {
  title: string;
  items: T[];
  empty: string;
  render: (item: T) => ReactNode;
  id: string;
}) {
  return (
    <Card
      size="small"
      data-testid={`to-do-${id}`}
      title={
        <span>
          {title} <Tag color={items.length > 0 ? 'red' : 'default'}>{items.length}</Tag>
        </span>
      }
      style={{ marginBottom: 16 }}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List size="small" dataSource={items} renderItem={(item) => <List.Item>{render(item)}</List.Item>} />
      )}
    </Card>
  );
}

const itemLink = (item: { id: string; title: string }) => <Link to={`/office/items/${encodeURIComponent(item.id)}`}>{item.title}</Link>;

/** One line of a section: what to open, then in grey who and since when. */
function Entry({ link, children }: { link: ReactNode; children: ReactNode }) {
  return (
    <span>
      {link}
      <Typography.Text type="secondary">
        {'　'}
        {children}
      </Typography.Text>
    </span>
  );
}

export default function ToDo() {
  const toDo = useOfficeToDo(true, true);
  const unitName = useUnitName();
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">待办</h1>
        {toDo.ready ? <Typography.Text type="secondary">共 {toDo.total} 项待处理</Typography.Text> : <Spin size="small" />}
      </div>
      <Section
        id="extensions"
        title="延期申请待审批"
        items={toDo.extensions}
        empty="没有待审批的延期申请"
        render={(item) => (
          <Entry link={itemLink(item)}>
            {unitName(item.leadUnit)}，现完成时限 {formatDate(item.dueDate)}（在事项页“延期申请”中审批）
          </Entry>
        )}
      />
      <Section
        id="claims"
        title="申请办结待核查"
        items={toDo.claims}
        empty="没有待核查的办结申请"
        render={(item) => (
          <Entry link={itemLink(item)}>
            {unitName(item.leadUnit)}，{formatDate(item.completionClaimedOn)} 申请办结
          </Entry>
        )}
      />
      <Section
        id="rectifications"
        title="整改报告待审核"
        items={toDo.rectifications}
        empty="没有待审核的整改报告"
        render={(r) => (
          <Entry link={<Link to={`/office/notices/${encodeURIComponent(r.notice.id)}`}>{noticeHeading(r.notice)}</Link>}>
            {unitName(r.unitId)}，{formatDateTime(r.submittedAt)} 提交
          </Entry>
        )}
      />
      <Section
        id="bounced"
        title="邮件退信的单位"
        items={toDo.bounced}
        empty="没有退信的单位"
        render={(unit) => (
          <Entry link={<Link to="/office/units">{unit.name}</Link>}>
            {(unit.contacts ?? [])
              .filter((c) => c.undeliverable)
              .map(
                (c) =>
                  `${c.role === 'head' ? '负责人' : '联络员'}${c.name}（${c.email}）${c.undeliverableSince ? `${formatDate(c.undeliverableSince)} 起退信` : ''}`,
              )
              .join('；')}
            ，请在“责任单位”中更正地址
          </Entry>
        )}
      />
      <Section
        id="imports"
        title="导入台账待修正的行"
        items={toDo.importsLeft.flatMap((left) => left.rows.map((row) => ({ ...row, left })))}
        empty="没有待修正的导入行"
        render={({ left, row, title, problems }) => (
          <Entry link={<Link to="/office/items/import">{title || `第 ${row} 行`}</Link>}>
            {left.fileName ? `「${left.fileName}」` : ''}第 {row} 行未导入（{formatDateTime(left.importedAt)}）：
            {problems.map((p) => p.message).join('；')}。修正后重新导入该文件即可
          </Entry>
        )}
      />
    </>
  );
}
