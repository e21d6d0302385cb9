/**
 * 附件上传, as a form field whose value is the uploaded attachments' ids: each file is checked
 * (type, size) before anything is sent, then uploaded with its progress shown; a file that
 * failed stays listed in red with the reason, and only the ones uploaded are named.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ATTACHMENT_ACCEPT, attachmentRefusal, MAX_ATTACHMENT_MB, uploadAttachment } from '../api/attachments';
import { messageOf } from '../api/errors';

const MAX_FILES = 10;

export function AttachmentUpload({
  onChange,
  onBusy,
  disabled,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Told whether a file is still on its way: the form waits for it before sending. */
  onBusy?: (busy: boolean) => void;
  disabled?: boolean;
}) {
  const [files, setFiles] = useState<UploadFile<string>[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const idsOf = (list: UploadFile<string>[]) => list.filter((f) => f.status === 'done' && f.response).map((f) => f.response as string);

  return (
    <div className="attachment-upload">
      <Upload<string>
        multiple
        accept={ATTACHMENT_ACCEPT}
        fileList={files}
        disabled={disabled}
        beforeUpload={(file, batch) => {
          const why = attachmentRefusal(file) ?? (files.length + batch.indexOf(file) >= MAX_FILES ? `附件最多 ${MAX_FILES} 个` : undefined);
          setRefusal(why ?? null);
          return why ? Upload.LIST_IGNORE : true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const controller = new AbortController();
          uploadAttachment(file as File, (percent) => onProgress?.({ percent }), controller.signal).then(
            (id) => onSuccess?.(id),
            (error: unknown) => onError?.(new Error(messageOf(error))),
          );
          return { abort: () => controller.abort() };
        }}
        onChange={({ fileList }) => {
          // A failed file says why when pointed at (antd shows the error as its tooltip).
          const shown = fileList.map((f) => (f.status === 'error' ? { ...f, response: f.error?.message ?? '上传未成功' } : f));
          setFiles(shown);
          onChange?.(idsOf(shown));
          onBusy?.(shown.some((f) => f.status === 'uploading'));
        }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled}>
          选择文件
        </Button>
      </Upload>
      <div className="attachment-hint">
        PDF、OFD、Word、Excel、JPG、PNG，单个不超过 {MAX_ATTACHMENT_MB} MB，最多 {MAX_FILES} 个
      </div>
      {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginTop: 8 }} closable onClose={() => setRefusal(null)} /> : null}
    </div>
  );
}
