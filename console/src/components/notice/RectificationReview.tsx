/**
 * 整改报告审核 (issue 12): the office reads each named unit's rectification — explanation,
 * measures, the written report and its attachments — and accepts it (通过) or returns it
 * (退回重报, with a reason the unit reads). Both ask for confirmation. Earlier hand-ins and the
 * reasons they were returned stay readable below the latest.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Empty, Form, Input, Modal, Space, Spin } from 'antd';
import { confirmThen } from '../confirm';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { keys, useUnitName } from '../../api/queries';
import { byUnitNewestFirst, type Rectification, useRectifications } from '../../api/rectifications';
import { useSubmission } from '../../api/submission';
import type { Notice, RectificationReview as Review } from '../../api/types';
import { Problem } from '../Problem';
import { useToast } from '../Toast';
import { RectificationCard } from './RectificationCard';

export function RectificationReview({ notice }: { notice: Notice }) {
  const rectifications = useRectifications(notice.id);
  const unitName = useUnitName();
  let body: React.ReactNode;
  if (rectifications.isPending) body = <Spin />;
  else if (rectifications.isError) body = <Problem error={rectifications.error} retry={() => void rectifications.refetch()} />;
  else {
    const byUnit = byUnitNewestFirst(rectifications.data);
    body =
      byUnit.size === 0 ? (
        <Empty description={notice.withdrawn ? '通报已撤销，无须整改' : '被通报单位尚未提交整改报告'} />
      ) : (
        notice.unitIds
          .filter((unitId) => byUnit.has(unitId))
          .map((unitId) => {
            const [latest, ...earlier] = byUnit.get(unitId) ?? [];
            if (!latest) return null;
            const status = notice.rectifications?.find((r) => r.unitId === unitId)?.status;
            const awaiting = !notice.withdrawn && !latest.review && status === 'rectified';
            return (
              <div key={unitId} className="rectification-unit" data-unit={unitId}>
                <RectificationCard
                  rectification={latest}
                  title={unitName(unitId)}
                  extra={awaiting ? <ReviewActions notice={notice} unitId={unitId} unitName={unitName(unitId)} /> : null}
                />
                {earlier.length > 0 ? (
                  <Collapse
                    size="small"
                    style={{ marginTop: 8 }}
                    items={[
                      {
                        key: 'earlier',
                        label: `此前报送（${earlier.length}）`,
                        children: earlier.map((r: Rectification) => <RectificationCard key={r.attempt ?? 1} rectification={r} />),
                      },
                    ]}
                  />
                ) : null}
              </div>
            );
          })
      );
  }
  return (
    <Card size="small" title="整改报告审核" style={{ marginTop: 16 }}>
      {body}
    </Card>
  );
}

function ReviewActions({ notice, unitId, unitName }: { notice: Notice; unitId: string; unitName: string }) {
  // The hook's confirmations follow the console's ConfigProvider (its locale and button spacing); Modal.confirm would not.
  const [modal, confirmHolder] = Modal.useModal();
  const [returning, setReturning] = useState(false);
  const queryClient = useQueryClient();
  const message = useToast();
  const review = useSubmission({
    send: (body: Review, key) =>
      ok(
        api.POST('/notices/{id}/rectifications/{unitId}/review', {
          params: { path: { id: notice.id, unitId }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    sent: (r) => {
      void queryClient.invalidateQueries({ queryKey: keys.notice(notice.id) });
      void queryClient.invalidateQueries({ queryKey: keys.notices });
      message.success(r.review?.decision === 'accepted' ? `已通过${unitName}的整改报告` : `已退回${unitName}的整改报告，待其重新报送`);
      setReturning(false);
    },
  });
  return (
    <div style={{ marginTop: 12 }}>
      {review.refusal && !returning ? (
        <Alert type="error" showIcon title={`未审核：${review.refusal}`} style={{ marginBottom: 8 }} />
      ) : null}
      {confirmHolder}
      <Space>
        <Button
          type="primary"
          loading={review.pending && !returning}
          onClick={() =>
            confirmThen(
              modal,
              { title: `确认通过${unitName}的整改报告？`, content: '通过后该单位此项整改即告完成。', okText: '确认通过' },
              () => review.submit({ decision: 'accepted' }),
            )
          }
        >
          通过
        </Button>
        <Button danger onClick={() => setReturning(true)}>
          退回重报
        </Button>
      </Space>
      {returning ? (
        <ReturnDialog
          unitName={unitName}
          pending={review.pending}
          refusal={review.refusal}
          onReturn={(reason) => review.submit({ decision: 'returned', reason })}
          onClose={() => setReturning(false)}
        />
      ) : null}
    </div>
  );
}

function ReturnDialog(props: {
  unitName: string;
  pending: boolean;
  refusal: string | null;
  onReturn: (reason: string) => void;
  onClose: () => void;
}) {
  // The hook's confirmations follow the console's ConfigProvider (its locale and button spacing); Modal.confirm would not.
  const [modal, confirmHolder] = Modal.useModal();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={`退回重报：${props.unitName}`}
      okText="退回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: props.pending }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      {props.refusal ? <Alert type="error" showIcon title={`未退回：${props.refusal}`} style={{ marginBottom: 12 }} /> : null}
      {confirmHolder}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          confirmThen(
            modal,
            {
              title: '确认退回此整改报告？',
              content: '退回后该单位须重新报送；整改期限仍自通报之日起计算，不因退回而延长。',
              okText: '确认退回',
              danger: true,
            },
            () => props.onReturn(v.reason.trim()),
          )
        }
      >
        <Form.Item
          name="reason"
          label="退回理由"
          extra="该单位会看到此理由，请写明须补充或改正的内容。"
          rules={[{ required: true, whitespace: true, message: '请填写退回理由' }, { max: 2000 }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
