/**
 * The attachments of a report or rectification, by name. Opening one asks the API for a fresh
 * presigned GET (valid for minutes, and only for those who may read what it belongs to): a PDF
 * or an image is shown in a dialog, any other file is offered for download. The preview reads
 * the file into the page (storage allows the console's origin) because the presigned URL says
 * `Content-Disposition: attachment`, which a frame would download instead of showing.
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { attachmentDownload } from '../api/attachments';
import { messageOf } from '../api/errors';
import type { components } from '../api/schema';

type Download = components['schemas']['AttachmentDownload'];
interface Opened {
  id: string;
  download?: Download;
  /** The file read into the page, for the preview (PDF and images only). */
  blobUrl?: string;
  error?: string;
}

const previewable = (type: string) => type === 'application/pdf' || type.startsWith('image/');

/** The presigned URL, then (for a PDF or an image) the file itself, as a URL of this page. */
async function openAttachment(id: string): Promise<Omit<Opened, 'id'>> {
  const download = await attachmentDownload(id);
  if (!previewable(download.attachment.contentType)) return { download };
  let response: Response;
  try {
    response = await fetch(download.download.url);
  } catch {
    throw new Error('无法从文件存储读取附件，请稍后重试');
  }
  if (!response.ok) throw new Error(`无法从文件存储读取附件（${response.status}）`);
  const blob = new Blob([await response.arrayBuffer()], { type: download.attachment.contentType });
  return { download, blobUrl: URL.createObjectURL(blob) };
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function AttachmentList({ ids }: { ids?: string[] }) {
  const list = ids ?? [];
  const [opened, setOpened] = useState<Opened | null>(null);
  const names = useQueries({
    queries: list.map((id) => ({ queryKey: ['attachment', id], queryFn: () => attachmentDownload(id), staleTime: 60_000 })),
  });
  if (list.length === 0) return null;

  const open = (id: string) => {
    setOpened({ id });
    openAttachment(id).then(
      (read) => setOpened((o) => (o?.id === id ? { id, ...read } : o)),
      (error: unknown) => setOpened((o) => (o?.id === id ? { id, error: messageOf(error) } : o)),
    );
  };

  return (
    <div className="attachment-list">
      <Typography.Text type="secondary">附件：</Typography.Text>
      <Space wrap size={4}>
        {list.map((id, i) => {
          const a = names[i]?.data?.attachment;
          return (
            <Button key={id} size="small" type="link" icon={<PaperClipOutlined />} onClick={() => open(id)}>
              {a ? (
                <>
                  {a.fileName}
                  {/* The size never breaks from its unit. */}
                  <span className="attachment-size">（{sizeText(a.size)}）</span>
                </>
              ) : names[i]?.isError ? (
                '附件（无法读取）'
              ) : (
                '附件'
              )}
            </Button>
          );
        })}
      </Space>
      {opened ? (
        <Preview
          opened={opened}
          onClose={() => {
            if (opened.blobUrl) URL.revokeObjectURL(opened.blobUrl);
            setOpened(null);
          }}
        />
      ) : null}
    </div>
  );
}

function Preview({ opened, onClose }: { opened: Opened; onClose: () => void }) {
  const d = opened.download;
  const type = d?.attachment.contentType ?? '';
  const inline = previewable(type);
  const shown = opened.blobUrl;
  return (
    <Modal
      open
      width={inline ? 960 : 520}
      title={d ? d.attachment.fileName : '附件'}
      onCancel={onClose}
      footer={
        d ? (
          <Space>
            {shown ? (
              <a href={shown} target="_blank" rel="noreferrer">
                在新窗口打开
              </a>
            ) : null}
            <a href={d.download.url} download={d.attachment.fileName}>
              下载
            </a>
            <Button onClick={onClose}>关闭</Button>
          </Space>
        ) : (
          <Button onClick={onClose}>关闭</Button>
        )
      }
    >
      {opened.error ? (
        <Alert type="error" showIcon title={`无法打开附件：${opened.error}`} />
      ) : !d || (inline && !shown) ? (
        <Spin />
      ) : shown && type.startsWith('image/') ? (
        <img className="attachment-preview" src={shown} alt={d.attachment.fileName} />
      ) : shown ? (
        <iframe className="attachment-preview attachment-pdf" src={shown} title={d.attachment.fileName} />
      ) : (
        <Typography.Paragraph>此类文件不能在页面中预览，请点击“下载”后查看。</Typography.Paragraph>
      )}
    </Modal>
  );
}
