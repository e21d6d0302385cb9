/**
 * A whole-page outcome — not found, no access, failed — in a few lines of
 * markup: antd's Result carries large illustrations into every page that
 * might need one, the board included.
 */
import { CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, StopFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';

const icons = {
  'not-found': <QuestionCircleFilled style={{ color: '#1677ff' }} />,
  forbidden: <StopFilled style={{ color: '#faad14' }} />,
  error: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
};

export function Outcome({
  kind,
  title,
  detail,
  extra,
}: {
  kind: keyof typeof icons;
  title: string;
  detail?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <section className="outcome" role={kind === 'error' ? 'alert' : 'status'}>
      <div className="outcome-icon" aria-hidden>
        {icons[kind]}
      </div>
      <h2 className="outcome-title">{title}</h2>
      {detail ? <p className="outcome-detail">{detail}</p> : null}
      {extra ? <div className="outcome-extra">{extra}</div> : null}
    </section>
  );
}
