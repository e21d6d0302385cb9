import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertAnswersContract } from './contract-check';
import { api, apiUrl, registerUnitWithHead, tokenFor } from './support';

/**
 * 一事一档 (GET /items/{id}/dossier.zip) through the local HTTP API against DynamoDB Local and s3rver: the archive
 * unzipped and checked file by file against its manifest, the refusals by role, and a dossier too big for one
 * response written to the bucket and reached through a 303.
 */
const tag = randomUUID().slice(0, 8);
const lead = `dos-lead-${tag}`;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let office: string;
let leader: string;
let inspector: string;
let leadToken: string;

async function upload(token: string, bytes: Uint8Array, fileName: string, contentType = 'application/pdf') {
  const res = await api('POST', '/attachments', { token, body: { fileName, contentType, size: bytes.length } });
  expect(res.status, res.text).toBe(201);
  const put = await fetch(res.json.upload.url, { method: 'PUT', body: bytes, headers: res.json.upload.headers });
  expect(put.status).toBe(200);
  return res.json.attachment.id as string;
}

/** The raw answer, redirects not followed, checked against the contract like every other answer. */
async function getDossier(itemId: string, token: string) {
  const path = `/items/${itemId}/dossier.zip`;
  const res = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const headers = Object.fromEntries(res.headers);
  const isJson = (headers['content-type'] ?? '').startsWith('application/json');
  const json = isJson ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  assertAnswersContract('GET', path, { status: res.status, headers, json });
  return { status: res.status, headers, bytes, json };
}

async function newItem(title: string): Promise<string> {
  const res = await api('POST', '/items', {
    token: office,
    body: {
      title,
      source: 'meeting-decision',
      sourceRef: '市政府常务会议纪要〔2026〕9号',
      leadUnit: lead,
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      requirements: ['工作进展'],
    },
  });
  expect(res.status, res.text).toBe(201);
  expect((await api('POST', `/items/${res.json.id}/acknowledge`, { token: leadToken })).status).toBe(200);
  return res.json.id as string;
}

const report = (percentComplete: number, attachmentIds: string[] = []) => ({
  summary: `完成${percentComplete}%：管网铺设推进`,
  percentComplete,
  answers: [{ requirement: 0, answer: `已完成第${percentComplete}%` }],
  attachmentIds,
});

/** Every file of the archive checked against the manifest, and the manifest against SHA256SUMS. */
function checkedArchive(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
  for (const f of manifest.files as { path: string; size: number; sha256: string }[]) {
    const content = files[f.path];
    expect(content, f.path).toBeDefined();
    expect(content?.length, f.path).toBe(f.size);
    expect(sha256(content as Uint8Array), f.path).toBe(f.sha256);
  }
  const sums = strFromU8(files.SHA256SUMS as Uint8Array)
    .trim()
    .split('\n')
    .map((line) => line.split('  '));
  expect(sums.map(([, path]) => path).sort()).toEqual(
    Object.keys(files)
      .filter((p) => p !== 'SHA256SUMS')
      .sort(),
  );
  for (const [hash, path] of sums) expect(sha256(files[path as string] as Uint8Array), path).toBe(hash);
  return { files, manifest };
}

beforeAll(async () => {
  [office, leader, inspector, leadToken] = await Promise.all([
    tokenFor('office'),
    tokenFor('leader'),
    tokenFor('inspector'),
    tokenFor('unit', lead),
  ]);
  await registerUnitWithHead(office, { id: lead, name: '一事一档县', kind: 'county' });
});

describe('一事一档 (GET /items/{id}/dossier.zip)', () => {
  it('holds the ledger row, the history as JSON and as a timeline, reports, claim, 核查 and every file, each with its SHA-256', async () => {
    const title = `城区供水管网改造 ${tag}`;
    const item = await newItem(title);
    // A name that tries to leave its folder and hide its extension: it arrives as a plain name inside 附件/.
    const formal = await upload(leadToken, PDF, '../..\\正式文件:第1期\u202Efdp.pdf');
    expect((await api('POST', `/items/${item}/reports`, { token: leadToken, body: report(40, [formal]) })).status).toBe(201);
    expect((await api('POST', `/items/${item}/reports`, { token: leadToken, body: report(100) })).status).toBe(201);
    const claimFile = await upload(leadToken, PDF, '办结报告.pdf');
    const claim = await api('POST', `/items/${item}/completion`, {
      token: leadToken,
      body: { summary: '全部完成', attachmentIds: [claimFile] },
    });
    expect(claim.status, claim.text).toBe(200);
    const photo = await upload(inspector, PNG, '现场照片.png', 'image/png');
    const verified = await api('POST', `/items/${item}/verification`, {
      token: inspector,
      body: { method: 'site', passed: true, findings: '现场核实完成', attachmentIds: [photo] },
    });
    expect(verified.status, verified.text).toBe(200);

    const res = await getDossier(item, office);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`ducha-dossier-${item}-`);
    const { files, manifest } = checkedArchive(res.bytes);

    expect(Object.keys(files).sort()).toEqual(
      [
        'SHA256SUMS',
        'manifest.json',
        '事项.json',
        '办结与核查.json',
        '历程.html',
        '历程.json',
        '台账.csv',
        '延期申请.json',
        '报送.json',
        '附件/01-报送-正式文件_第1期_fdp.pdf',
        '附件/02-申请办结-办结报告.pdf',
        '附件/03-核查-现场照片.png',
      ].sort(),
    );
    expect(files['附件/01-报送-正式文件_第1期_fdp.pdf']).toEqual(PDF);
    expect(files['附件/03-核查-现场照片.png']).toEqual(PNG);
    const attached = manifest.files.filter((f: { attachment?: unknown }) => f.attachment);
    expect(attached.map((f: { attachment: { id: string } }) => f.attachment.id)).toEqual([formal, claimFile, photo]);

    const csv = strFromU8(files['台账.csv'] as Uint8Array);
    expect(csv).toContain('序号');
    expect(csv).toContain(title);
    expect(csv).toContain('一事一档县');
    const history = JSON.parse(strFromU8(files['历程.json'] as Uint8Array));
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'item.registered',
      'item.acknowledged',
      'report.submitted',
      'report.submitted',
      'completion.claimed',
      'verification.passed',
    ]);
    const timeline = strFromU8(files['历程.html'] as Uint8Array);
    for (const words of [
      '立项派发',
      '签收',
      '报送进展',
      '申请办结',
      '核查通过，办结',
      '实地核查',
      '现场核实完成',
      '附件/03-核查-现场照片.png',
    ]) {
      expect(timeline).toContain(words);
    }
    expect(JSON.parse(strFromU8(files['报送.json'] as Uint8Array))).toHaveLength(2);
    const completion = JSON.parse(strFromU8(files['办结与核查.json'] as Uint8Array));
    expect(completion.map((e: { type: string }) => e.type)).toEqual(['completion.claimed', 'verification.passed']);
    expect(JSON.parse(strFromU8(files['事项.json'] as Uint8Array))).toMatchObject({ id: item, status: 'closed' });

    // Leaders read it too.
    expect((await getDossier(item, leader)).status).toBe(200);
  });

  it('is refused to units and inspectors (403) and answers 404 for an item that does not exist', async () => {
    const item = await newItem(`权限 ${tag}`);
    for (const token of [leadToken, inspector]) {
      const res = await getDossier(item, token);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    expect((await getDossier(`no-such-${tag}`, office)).status).toBe(404);
  });

  it('writes a dossier too big for one response to the bucket and answers 303 to a presigned GET of it', async () => {
    const item = await newItem(`大文件 ${tag}`);
    // Over the 4 MiB inline limit and over one 5 MiB part: a multipart upload of two parts.
    const big = new Uint8Array(6 * 1024 * 1024 + 123);
    big.set(PDF.subarray(0, 5));
    big.set(randomBytes(big.length - 5), 5);
    const id = await upload(leadToken, big, '扫描件.pdf');
    expect((await api('POST', `/items/${item}/reports`, { token: leadToken, body: report(50, [id]) })).status).toBe(201);

    const res = await getDossier(item, office);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(res.json.url);
    expect(res.headers.location).toContain('/dossiers/');
    const archive = await fetch(res.headers.location as string);
    expect(archive.status).toBe(200);
    const bytes = new Uint8Array(await archive.arrayBuffer());
    expect(bytes.length).toBe(res.json.size);
    const { files, manifest } = checkedArchive(bytes);
    expect(sha256(files['附件/01-报送-扫描件.pdf'] as Uint8Array)).toBe(sha256(big));
    expect(manifest.files.find((f: { path: string }) => f.path === '附件/01-报送-扫描件.pdf').size).toBe(big.length);
  }, 60_000);
});
