import { createHash, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, apiUrl, registerUnitWithHead, tokenFor } from './support';

/**
 * 附件 through the local HTTP API against the S3 server (s3rver) that `npm start` runs: presigned PUT,
 * the check after upload, attaching to a report, and a presigned GET for those who may read it.
 */
const tag = randomUUID().slice(0, 8);
const lead = `att-lead-${tag}`;
const other = `att-other-${tag}`;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let office: string;
let leadToken: string;
let otherToken: string;
let item: string;

async function upload(token: string, bytes: Uint8Array, declared: { contentType?: string; size?: number; fileName?: string } = {}) {
  return (await uploadWithUrl(token, bytes, declared)).id;
}

/** The upload and the presigned PUT it was made through (good for 15 minutes). */
async function uploadWithUrl(token: string, bytes: Uint8Array, declared: { contentType?: string; size?: number; fileName?: string } = {}) {
  const res = await api('POST', '/attachments', {
    token,
    body: {
      fileName: declared.fileName ?? '整改报告.pdf',
      contentType: declared.contentType ?? 'application/pdf',
      size: declared.size ?? bytes.length,
    },
  });
  expect(res.status, res.text).toBe(201);
  const put = await fetch(res.json.upload.url, { method: 'PUT', body: bytes, headers: res.json.upload.headers });
  expect(put.status).toBe(200);
  return { id: res.json.attachment.id as string, put: { url: res.json.upload.url as string, headers: res.json.upload.headers } };
}

const report = (attachmentIds: string[]) => ({
  summary: '按计划推进',
  percentComplete: 20,
  answers: [{ requirement: 0, answer: '已完成选址' }],
  attachmentIds,
});

beforeAll(async () => {
  [office, leadToken, otherToken] = await Promise.all([tokenFor('office'), tokenFor('unit', lead), tokenFor('unit', other)]);
  await registerUnitWithHead(office, { id: lead, name: '附件县', kind: 'county' });
  await registerUnitWithHead(office, { id: other, name: '旁观局', kind: 'department' });
  const res = await api('POST', '/items', {
    token: office,
    body: {
      title: `附件事项 ${tag}`,
      source: 'meeting-decision',
      sourceRef: '纪要',
      leadUnit: lead,
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      requirements: ['工作进展'],
    },
  });
  item = res.json.id;
  expect((await api('POST', `/items/${item}/acknowledge`, { token: leadToken })).status).toBe(200);
});

describe('附件', () => {
  it('uploads a PDF, attaches it to a report, and hands a download URL only to those who may read the report', async () => {
    const id = await upload(leadToken, PDF);
    const res = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]) });
    expect(res.status, res.text).toBe(201);
    expect(res.json.attachmentIds).toEqual([id]);

    const read = await api('GET', `/attachments/${id}`, { token: office });
    expect(read.status, read.text).toBe(200);
    expect(read.json.attachment).toMatchObject({ id, contentType: 'application/pdf', size: PDF.length, attached: true });
    const file = await fetch(read.json.download.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
    expect((await api('GET', `/attachments/${id}`, { token: leadToken })).status).toBe(200);
    expect((await api('GET', `/attachments/${id}`, { token: otherToken })).status).toBe(404);
    // Attached once: another report cannot name it again.
    const again = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]) });
    expect(again.status, again.text).toBe(422);
  });

  it('keeps an attached file as attached: its upload URL replacing it afterwards changes neither the download nor the dossier', async () => {
    const { id, put } = await uploadWithUrl(leadToken, PDF);
    const res = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]) });
    expect(res.status, res.text).toBe(201);
    // Within the URL's 15 minutes the same PUT again, with other bytes (longer too: s3rver takes that, S3 would not).
    const replacement = new TextEncoder().encode('%PDF-1.4\n% replaced after it was attached\n%%EOF\n');
    expect((await fetch(put.url, { method: 'PUT', body: replacement, headers: put.headers })).status).toBe(200);

    const read = await api('GET', `/attachments/${id}`, { token: office });
    expect(read.json.attachment).toMatchObject({ id, size: PDF.length, sha256: sha256(PDF) });
    expect(new Uint8Array(await (await fetch(read.json.download.url)).arrayBuffer())).toEqual(PDF);
    // The report's event names the file with the SHA-256 recorded (what the ledger's chain covers).
    const history = (await api('GET', `/items/${item}/history?limit=100`, { token: office })).json.items as { type: string; data: any }[];
    const submitted = history.find((e) => e.type === 'report.submitted' && e.data.reportId === res.json.id);
    expect(submitted?.data.attachments).toEqual([{ id, sha256: sha256(PDF) }]);

    const dossier = await fetch(`${apiUrl()}/items/${item}/dossier.zip`, { headers: { authorization: `Bearer ${office}` } });
    expect(dossier.status).toBe(200);
    const files = unzipSync(new Uint8Array(await dossier.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as {
      files: { path: string; sha256: string; attachment?: { id: string } }[];
    };
    const entry = manifest.files.find((f) => f.attachment?.id === id);
    expect(entry?.sha256).toBe(sha256(PDF));
    expect(files[entry?.path ?? '']).toEqual(PDF);
  });

  it('answers a report with a file retried under its Idempotency-Key as the first time; under a new key the file is taken', async () => {
    const id = await upload(leadToken, PDF);
    const key = { 'idempotency-key': randomUUID() };
    const first = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]), headers: key });
    expect(first.status, first.text).toBe(201);
    const retried = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]), headers: key });
    expect(retried.status, retried.text).toBe(201);
    expect(retried.json.id).toBe(first.json.id);
    const other = await api('POST', `/items/${item}/reports`, {
      token: leadToken,
      body: report([id]),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(other.status, other.text).toBe(422);
    expect(other.json.error.code).toBe('attachment-unusable');
    const reports = (await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items as { attachmentIds?: string[] }[];
    expect(reports.filter((r) => r.attachmentIds?.includes(id))).toHaveLength(1);
  });

  it('of a report and a rectification naming one file at once, exactly one keeps it (each attaches in its own write)', async () => {
    const notice = await api('POST', '/notices', {
      token: office,
      body: { level: 'office', unitIds: [lead], itemIds: [], reason: `附件竞争 ${tag}` },
    });
    expect(notice.status, notice.text).toBe(201);
    const id = await upload(leadToken, PDF);
    const rectification = { explanation: '报送责任未落实到人', measures: '明确专人负责', report: '整改报告', attachmentIds: [id] };
    // Sent at once; a 503 (DynamoDB saw both transactions in flight, Retry-After) is sent again, as a client would.
    const once = async (send: () => ReturnType<typeof api>) => {
      const first = await send();
      return first.status === 503 ? send() : first;
    };
    const [byReport, byRectification] = await Promise.all([
      once(() => api('POST', `/items/${item}/reports`, { token: leadToken, body: report([id]) })),
      once(() => api('POST', `/notices/${notice.json.id}/rectifications`, { token: leadToken, body: rectification })),
    ]);
    expect([byReport.status, byRectification.status].sort(), `${byReport.text} ${byRectification.text}`).toEqual([201, 422]);
    const loser = byReport.status === 422 ? byReport : byRectification;
    expect(loser.json.error.code).toBe('attachment-unusable');
    // The loser wrote nothing: no report naming the file, or no rectification at all.
    const reports = (await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items as { attachmentIds?: string[] }[];
    const rectifications = (await api('GET', `/notices/${notice.json.id}/rectifications`, { token: office })).json.items as unknown[];
    expect(reports.filter((r) => r.attachmentIds?.includes(id)).length + rectifications.length).toBe(1);
  });

  it('refuses (422, nothing written) a file never uploaded, someone else’s, or not what it was declared to be', async () => {
    const never = await api('POST', '/attachments', {
      token: leadToken,
      body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 },
    });
    const theirs = await upload(otherToken, PDF);
    const fake = await upload(leadToken, new TextEncoder().encode('<html>not a pdf</html>'));
    const before = (await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items.length;
    const res = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([never.json.attachment.id, theirs, fake]) });
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.code).toBe('attachment-unusable');
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(['attachmentIds.0', 'attachmentIds.1', 'attachmentIds.2']);
    expect((await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items.length).toBe(before);
    expect((await api('GET', `/attachments/${theirs}`, { token: leadToken })).status).toBe(404);
  });

  it('locally nothing checks the upload itself (s3rver takes an unsigned PUT of any length): the API’s own check of the stored file refuses it', async () => {
    const requested = await api('POST', '/attachments', {
      token: leadToken,
      body: { fileName: '整改报告.pdf', contentType: 'application/pdf', size: PDF.length },
    });
    expect(requested.status, requested.text).toBe(201);
    // No signature, no expiry, twice the declared length: S3 would refuse this PUT, the local stand-in stores it.
    const unsigned = new URL(requested.json.upload.url);
    unsigned.search = '';
    const put = await fetch(unsigned, { method: 'PUT', body: Buffer.concat([PDF, PDF]) });
    expect(put.status).toBe(200);
    const res = await api('POST', `/items/${item}/reports`, { token: leadToken, body: report([requested.json.attachment.id]) });
    expect(res.status, res.text).toBe(422);
    expect(res.json.error.code).toBe('attachment-unusable');
  });

  it('signs nothing outside the list of types or over 20 MB (400), nor a name that does not match its type (422)', async () => {
    const exe = await api('POST', '/attachments', {
      token: leadToken,
      body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
    });
    expect(exe.status).toBe(400);
    const big = await api('POST', '/attachments', {
      token: leadToken,
      body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 20 * 1024 * 1024 + 1 },
    });
    expect(big.status).toBe(400);
    const named = await api('POST', '/attachments', {
      token: leadToken,
      body: { fileName: 'a.png', contentType: 'application/pdf', size: 10 },
    });
    expect(named.status).toBe(422);
    expect(
      (
        await api('POST', '/attachments', {
          token: await tokenFor('leader'),
          body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 },
        })
      ).status,
    ).toBe(403);
  });
});
