import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { useLeaders, useUnitName } from '../../api/queries';
import type { Item } from '../../api/types';
import { dueRuleText } from '../../due';
import { daysLeftText, formatDate, formatDateTime } from '../../format';
import { sourceLabels, verificationLabels } from '../../labels';
import { LightTag, StatusTag } from '../Tags';

/** An item's fields as the ledger holds them, with where each responsible unit stands on 签收. */
export function ItemSummary({ item }: { item: Item }) {
  const unitName = useUnitName();
  const { nameOf: leaderName } = useLeaders();
  const signed = new Map(item.acknowledgements.map((a) => [a.unitId, a.at]));
  return (
    <Card title="事项信息" size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'source', label: '来源', children: sourceLabels[item.source] },
          { key: 'ref', label: '来源文号', children: item.sourceRef, span: 2 },
          { key: 'status', label: '状态', children: <StatusTag status={item.status} /> },
          { key: 'light', label: '红黄绿灯', children: <LightTag item={item} withReason />, span: 2 },
          {
            key: 'due',
            label: '完成时限',
            // A deadline given in working days says how the API counted it, beside the date.
            span: item.dueRule ? 3 : 1,
            children: (
              <span>
                {formatDate(item.dueDate)}
                {item.status === 'closed' ? '' : `（${daysLeftText(item.dueDate)}）`}
                {item.dueRule ? (
                  <span className="due-rule" data-testid="due-rule">
                    按工作日推算：{dueRuleText(item.dueRule)}
                  </span>
                ) : null}
              </span>
            ),
          },
          { key: 'next', label: '下次报送', children: formatDate(item.nextReportDue) },
          { key: 'cadence', label: '报送周期', children: item.reportEveryDays ? `每 ${item.reportEveryDays} 天` : '按节点' },
          { key: 'progress', label: '进展', children: item.percentComplete === undefined ? '未报送' : `${item.percentComplete}%` },
          { key: 'last', label: '最近报送', children: formatDateTime(item.lastReportAt) },
          { key: 'project', label: '项目类', children: item.projectType ? '是（报送须填投资额、工作量）' : '否' },
          {
            key: 'units',
            label: '责任单位',
            span: 3,
            children: (
              <span>
                {[item.leadUnit, ...item.coUnits].map((id) => (
                  <Tag key={id} color={signed.has(id) ? 'green' : 'default'}>
                    {id === item.leadUnit ? '牵头 ' : '协办 '}
                    {unitName(id)}：{signed.has(id) ? `${formatDate(signed.get(id))} 已签收` : '未签收'}
                  </Tag>
                ))}
              </span>
            ),
          },
          ...(item.completionClaimedOn ? [{ key: 'claimed', label: '申请办结', children: formatDate(item.completionClaimedOn) }] : []),
          // 导入台账: what the office's own ledger said, kept as written (the progress is the office's record, not a report).
          ...(item.dueWords
            ? [
                {
                  key: 'dueWords',
                  label: '原台账时限',
                  children: item.standing ? `${item.dueWords}（无固定完成时限，按期报送）` : item.dueWords,
                },
              ]
            : []),
          ...(item.progress
            ? [
                {
                  key: 'imported-progress',
                  label: '导入时进展',
                  span: 2,
                  children: `${item.progress.text}（截至 ${formatDate(item.progress.asOf)}，原台账记录）`,
                },
              ]
            : []),
          ...(item.note ? [{ key: 'note', label: '备注', span: 3, children: item.note }] : []),
          ...(item.lastVerification
            ? [
                {
                  key: 'verified',
                  label: '最近核查',
                  span: 2,
                  children: `${formatDate(item.lastVerification.at)} ${verificationLabels[item.lastVerification.method]}，${
                    item.lastVerification.passed ? '通过' : '未通过'
                  }：${item.lastVerification.findings}`,
                },
              ]
            : []),
          { key: 'leader', label: '分管领导', children: item.leaderInCharge ? leaderName(item.leaderInCharge) : '—' },
          { key: 'registered', label: '立项时间', children: formatDateTime(item.registeredAt) },
          ...(item.description ? [{ key: 'description', label: '事项内容', span: 3, children: item.description }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        督办要求
      </Typography.Title>
      <List
        size="small"
        dataSource={item.requirements}
        renderItem={(requirement, index) => (
          <List.Item>
            {index + 1}. {requirement}
          </List.Item>
        )}
      />
      {item.milestones.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            时间节点
          </Typography.Title>
          <List
            size="small"
            dataSource={item.milestones}
            renderItem={(m) => (
              <List.Item>
                {formatDate(m.dueDate)}　{m.title}
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Card>
  );
}
