/**
 * 年度考核: every assessed unit's figures, score and grade for a year, from
 * GET /reports/assessment; sortable by any figure. A unit criticised in a
 * notice of the year is not eligible for 优秀 (rule 4), whatever its score.
 */
import { Empty, Flex, Select, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { DEDUCTIONS } from '../../../../functions/domain/assessment';
import { DEDUCTION_NAMES, gradeFactors } from '../../assessment';
import { useAssessment } from '../../api/queries';
import type { AssessedUnit } from '../../api/types';
import { Problem } from '../../components/Problem';
import { formatDate, formatPercent, today } from '../../format';
import { gradeColors, unitKindLabels } from '../../labels';

const byNumber = (key: keyof AssessedUnit) => (a: AssessedUnit, b: AssessedUnit) => Number(a[key] ?? -1) - Number(b[key] ?? -1);

const columns: ColumnsType<AssessedUnit> = [
  { title: '单位', dataIndex: 'name', width: 150, sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
  { title: '类别', dataIndex: 'kind', width: 80, render: (k: AssessedUnit['kind']) => unitKindLabels[k] },
  {
    title: '得分',
    dataIndex: 'score',
    width: 72,
    sorter: byNumber('score'),
    defaultSortOrder: 'descend',
    // 未参评: nothing counted for the unit this year.
    render: (v: number | null) => v ?? '—',
  },
  { title: '等级', dataIndex: 'grade', width: 70, render: (g: AssessedUnit['grade']) => <Tag color={gradeColors[g]}>{g}</Tag> },
  {
    title: '评分依据',
    key: 'factors',
    width: 260,
    render: (_, u) => <span className="grade-factors">{gradeFactors(u)}</span>,
  },
  {
    title: '优秀资格',
    dataIndex: 'excellentEligible',
    width: 80,
    render: (eligible: boolean, u) =>
      eligible ? (
        <Tag color="green">有</Tag>
      ) : (
        <Tooltip title={u.markedNotExcellent ? '逾期未整改，经一周督办仍未整改' : '本年度被通报批评'}>
          <Tag>无</Tag>
        </Tooltip>
      ),
  },
  { title: '牵头事项', dataIndex: 'itemsLed', width: 66, sorter: byNumber('itemsLed') },
  { title: '按时办结', dataIndex: 'closedOnTime', width: 66, sorter: byNumber('closedOnTime') },
  { title: '逾期办结', dataIndex: 'closedLate', width: 66, sorter: byNumber('closedLate') },
  { title: '逾期未办结', dataIndex: 'openLate', width: 74, sorter: byNumber('openLate') },
  {
    title: '按时办结率',
    dataIndex: 'onTimeRate',
    width: 80,
    sorter: byNumber('onTimeRate'),
    render: (v: number | null) => formatPercent(v),
  },
  {
    title: '报送（按时/逾期）',
    key: 'reports',
    width: 92,
    sorter: byNumber('reportsLate'),
    render: (_, u) => `${u.reportsOnTime} / ${u.reportsLate}`,
  },
  {
    title: '通报（督查室/政府）',
    key: 'notices',
    width: 100,
    sorter: (a, b) => a.noticesOffice + a.noticesGovernment - (b.noticesOffice + b.noticesGovernment),
    render: (_, u) => `${u.noticesOffice} / ${u.noticesGovernment}`,
  },
  { title: '整改逾期', dataIndex: 'rectificationsLate', width: 66, sorter: byNumber('rectificationsLate') },
];

/** The scoring rule in words, from the very table the API scores with. */
const scoringRule = `得分自 100 分起，每项扣分：${(Object.keys(DEDUCTIONS) as (keyof typeof DEDUCTIONS)[])
  .map((key) => `${DEDUCTION_NAMES[key]} −${DEDUCTIONS[key]}`)
  .join('，')}。`;

export default function Assessment() {
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const assessment = useAssessment(year);
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">年度考核</h1>
        <Flex gap={8} align="center">
          <label htmlFor="assessment-year">考核年度</label>
          <Select
            id="assessment-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[0, 1, 2, 3].map((back) => ({ value: thisYear - back, label: `${thisYear - back} 年` }))}
          />
        </Flex>
      </div>
      {assessment.isPending ? (
        <Spin />
      ) : assessment.isError ? (
        <Problem error={assessment.error} retry={() => void assessment.refetch()} />
      ) : (
        <Table<AssessedUnit>
          rowKey="unitId"
          size="small"
          className="assessment"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={assessment.data.units}
          pagination={false}
          title={() => (
            <Typography.Text type="secondary">
              截至 {formatDate(assessment.data.asOf)}；点击列标题排序。{scoringRule}
            </Typography.Text>
          )}
          locale={{ emptyText: <Empty description={`${year} 年没有可考核的单位：单位牵头事项并有报送、通报后才会列入。`} /> }}
        />
      )}
    </>
  );
}
