/**
 * What the notice's rules for a report's content found (functions/domain/report-quality.ts): on the report form as
 * the unit writes, before it sends, and on each report the office reads. A warning with the words that caused it
 * underlined, never a refusal: the notice leaves the judgement to the office.
 */
import { Tag } from 'antd';
import type { QualityFinding, QualityKind } from '../../../../functions/domain/report-quality';
import { qualityKindLabels } from '../../labels';

const ADVICE: Record<QualityKind, string> = {
  boilerplate: '套话多、实事少：请写明做了什么、做到哪一步（数量、金额、日期、地点）。',
  excuse: '强调客观原因：请写明已采取的措施和完成时限。',
  'off-point': '似未正面回答此项要求，请针对要求作答。',
  repeated: '请逐项作答。',
  verbose: '篇幅较长：请简明扼要。',
};

/** The words' frame: 未涉及“资金到位”; 与“工程进度”的回答相同; 共 512字. */
const BEFORE: Partial<Record<QualityKind, string>> = { 'off-point': '未涉及', repeated: '与', verbose: '共 ' };
const AFTER: Partial<Record<QualityKind, string>> = { repeated: '的回答相同' };

/** `placed`: each finding says where it is (a report read whole); under a field it goes without saying. */
export function QualityNote({ findings, placed = false }: { findings: readonly QualityFinding[]; placed?: boolean }) {
  if (findings.length === 0) return null;
  return (
    <div className="quality-note" role="note">
      {findings.map((finding) => (
        <div key={`${finding.kind}-${finding.where}`} data-kind={finding.kind}>
          {placed ? <span className="quality-where">{finding.where === 'summary' ? '总体进展' : `第${finding.where + 1}项`}：</span> : null}
          <Tag color="gold">{qualityKindLabels[finding.kind]}</Tag>
          {finding.words.length > 0 ? (
            <span>
              {BEFORE[finding.kind] ?? ''}
              {finding.words.map((word, i) => (
                <span key={word}>
                  {i > 0 ? '、' : ''}
                  <u>{word}</u>
                </span>
              ))}
              {AFTER[finding.kind] ?? ''}。
            </span>
          ) : finding.kind === 'boilerplate' ? (
            <span>未见数量、金额、日期等实事。</span>
          ) : null}
          {ADVICE[finding.kind]}
        </div>
      ))}
    </div>
  );
}
