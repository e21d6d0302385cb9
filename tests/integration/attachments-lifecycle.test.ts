import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, registerUnitWithHead, tokenFor } from './support';

/**
 * 附件 beyond reports: the completion claim's documents and the 核查 photos, checked like a report's and readable by
 * whoever may read the item; and two reports naming one file at the same moment, of which exactly one keeps it.
 */
const tag = randomUUID().slice(0, 8);
const lead = `attl-lead-${tag}`;
const other = `attl-other-${tag}`;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let office: string;
let inspector: string;
let leadToken: string;
let otherToken: string;

async function upload(token: string, bytes: Uint8Array, fileName = '办结材料.pdf', contentType = 'application/pdf') {
  const res = await api('POST', '/attachments', { token, body: { fileName, contentType, size: bytes.length } });
  expect(res.status, res.text).toBe(201);
  const put = await fetch(res.json.upload.url, { method: 'PUT', body: bytes, headers: res.json.upload.headers });
  expect(put.status).toBe(200);
  return res.json.attachment.id as string;
}

const report = (percentComplete: number, attachmentIds?: string[]) => ({
  summary: `第${percentComplete}次报送：按计划推进`,
  percentComplete,
  answers: [{ requirement: 0, answer: '已完成选址' }],
  ...(attachmentIds ? { attachmentIds } : {}),
});

async function newItem(): Promise<string> {
  const res = await api('POST', '/items', {
    token: office,
    body: {
      title: `附件办结 ${tag} ${randomUUID().slice(0, 4)}`,
      source: 'meeting-decision',
      sourceRef: '纪要',
      leadUnit: lead,
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      requirements: ['工作进展'],
    },
  });
  expect(res.status, res.text).toBe(201);
  expect((await api('POST', `/items/${res.json.id}/acknowledge`, { token: leadToken })).status).toBe(200);
  return res.json.id as string;
}

beforeAll(async () => {
  [office, inspector, leadToken, otherToken] = await Promise.all([
    tokenFor('office'),
    tokenFor('inspector'),
    tokenFor('unit', lead),
    tokenFor('unit', other),
  ]);
  await registerUnitWithHead(office, { id: lead, name: '附件办结县', kind: 'county' });
  await registerUnitWithHead(office, { id: other, name: '附件旁观局', kind: 'department' });
});

describe('附件 on completion claims and 核查', () => {
  it('attaches the claim’s documents and the verification’s photos, names them in the history, and lets item readers read them', async () => {
    const item = await newItem();
    expect((await api('POST', `/items/${item}/reports`, { token: leadToken, body: report(100) })).status).toBe(201);

    // A stranger's file and one never uploaded: 422, nothing written (the item stays in progress).
    const theirs = await upload(otherToken, PDF);
    const refused = await api('POST', `/items/${item}/completion`, {
      token: leadToken,
      body: { summary: '全部完成', attachmentIds: [theirs] },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.error.code).toBe('attachment-unusable');
    expect(refused.json.error.details[0].path).toBe('attachmentIds.0');
    expect((await api('GET', `/items/${item}`, { token: office })).json.status).toBe('in-progress');

    const claimFile = await upload(leadToken, PDF);
    const claimed = await api('POST', `/items/${item}/completion`, {
      token: leadToken,
      body: { summary: '全部完成', attachmentIds: [claimFile] },
    });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.json.status).toBe('completion-claimed');

    // The unit's file is not the inspector's to attach; the inspector's own photo is.
    const notMine = await api('POST', `/items/${item}/verification`, {
      token: inspector,
      body: { method: 'site', passed: true, findings: '现场核实', attachmentIds: [claimFile] },
    });
    expect(notMine.status, notMine.text).toBe(422);
    const photo = await upload(inspector, PNG, '现场照片.png', 'image/png');
    const verified = await api('POST', `/items/${item}/verification`, {
      token: inspector,
      body: { method: 'site', passed: true, findings: '现场核实，已完成', attachmentIds: [photo] },
    });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json.status).toBe('closed');

    const history = (await api('GET', `/items/${item}/history`, { token: office })).json.items as { type: string; data: any }[];
    expect(history.find((e) => e.type === 'completion.claimed')?.data.attachmentIds).toEqual([claimFile]);
    expect(history.find((e) => e.type === 'verification.passed')?.data.attachmentIds).toEqual([photo]);
    // Each named with the SHA-256 of the bytes attached (what the ledger's chain covers), recorded on the file too.
    expect(history.find((e) => e.type === 'completion.claimed')?.data.attachments).toEqual([{ id: claimFile, sha256: sha256(PDF) }]);
    expect(history.find((e) => e.type === 'verification.passed')?.data.attachments).toEqual([{ id: photo, sha256: sha256(PNG) }]);

    for (const id of [claimFile, photo]) {
      for (const token of [office, inspector, leadToken, await tokenFor('leader')]) {
        const read = await api('GET', `/attachments/${id}`, { token });
        expect(read.status, read.text).toBe(200);
        expect(read.json.attachment).toMatchObject({ attached: true, sha256: sha256(id === photo ? PNG : PDF) });
      }
      expect((await api('GET', `/attachments/${id}`, { token: otherToken })).status).toBe(404);
    }
    const file = await fetch((await api('GET', `/attachments/${photo}`, { token: leadToken })).json.download.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });
});

describe('two reports naming one file at once', () => {
  it('lets exactly one keep it; the other is a 422 and writes nothing', async () => {
    const item = await newItem();
    const rounds = 3;
    for (let round = 0; round < rounds; round += 1) {
      const shared = await upload(leadToken, PDF, `正式文件-${round}.pdf`);
      const before = (await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items.length;
      // The same percentage, rising each round: whichever is written first, the other is no fall in progress.
      const answers = await Promise.all(
        [0, 1].map(() => api('POST', `/items/${item}/reports`, { token: leadToken, body: report(10 * (round + 1), [shared]) })),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, answers.map((a) => a.text).join('\n')).toEqual([201, 422]);
      const loser = answers.find((a) => a.status === 422);
      expect(loser?.json.error.code).toBe('attachment-unusable');
      expect(loser?.json.error.details[0].path).toBe('attachmentIds.0');
      const reports = (await api('GET', `/items/${item}/reports?limit=100`, { token: office })).json.items as {
        attachmentIds?: string[];
      }[];
      expect(reports.length).toBe(before + 1);
      expect(reports.filter((r) => r.attachmentIds?.includes(shared))).toHaveLength(1);
      const winner = answers.find((a) => a.status === 201);
      expect(reports.some((r: any) => r.id === winner?.json.id && r.attachmentIds?.[0] === shared)).toBe(true);
    }
  });
});
