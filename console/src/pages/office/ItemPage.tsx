import { Col, Row } from 'antd';
import { ExtensionList } from '../../components/item/ExtensionList';
import { HistoryTimeline } from '../../components/item/HistoryTimeline';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemSummary } from '../../components/item/ItemSummary';
import { ReportList } from '../../components/item/ReportList';
import { VerificationForm } from '../../components/item/VerificationForm';

/** The office's view of an item: everything, with the decisions it makes (延期审批, 核查). */
export default function OfficeItemPage() {
  return (
    <ItemFrame back="/office/board" backLabel="返回台账">
      {(item) => (
        <>
          <ItemSummary item={item} />
          {item.status === 'completion-claimed' ? <VerificationForm item={item} /> : null}
          <ExtensionList itemId={item.id} canDecide />
          <Row gutter={16}>
            <Col span={15}>
              <ReportList item={item} />
            </Col>
            <Col span={9}>
              <HistoryTimeline itemId={item.id} />
            </Col>
          </Row>
        </>
      )}
    </ItemFrame>
  );
}
