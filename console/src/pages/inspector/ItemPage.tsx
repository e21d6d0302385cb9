import { Alert, Col, Row } from 'antd';
import { HistoryTimeline } from '../../components/item/HistoryTimeline';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemSummary } from '../../components/item/ItemSummary';
import { ReportList } from '../../components/item/ReportList';
import { VerificationForm } from '../../components/item/VerificationForm';
import { statusLabels } from '../../labels';

/** What an inspector needs to verify a claimed completion: the item, its reports, its history, and the form. */
export default function InspectorItemPage() {
  return (
    <ItemFrame back="/inspector/queue" backLabel="返回核查任务">
      {(item) => (
        <>
          {item.status === 'completion-claimed' ? (
            <VerificationForm item={item} />
          ) : (
            <Alert type="info" showIcon title={`此事项当前为“${statusLabels[item.status]}”，不在核查环节。`} style={{ marginBottom: 16 }} />
          )}
          <ItemSummary item={item} />
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
