import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../functions/domain/caller';
import { attachedKey, type FileAttachment, newAttachment, type UploadedBytes } from '../../functions/domain/attachments';
import { fileParts, filesNamed, usableAttachments } from '../../functions/use-cases/attachments';
import type { AttachmentStore } from '../../functions/use-cases/ports';
import type { RuleViolation } from '../../functions/domain/errors';
import { render } from '../../functions/messages/message';

/**
 * Attaching pins a file (use-cases/attachments.ts) on ports in memory: the bytes checked are the bytes pinned and
 * recorded, whatever the upload URL writes later. tests/integration/attachments.test.ts shows it against s3rver.
 */
const liaison: Caller = { sub: 'a-liaison', role: 'unit', unitId: 'a' };
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A bucket of objects by key, each with an ETag that changes with every PUT; `onPin` runs just before a copy. */
function bucket(onPin: () => void = () => undefined) {
  const objects = new Map<string, { bytes: Uint8Array; etag: string }>();
  let puts = 0;
  const put = (key: string, bytes: Uint8Array) => {
    puts += 1;
    objects.set(key, { bytes, etag: `"${puts}"` });
  };
  const store: Pick<AttachmentStore, 'examine' | 'pin'> = {
    async examine(key, declaredSize, firstBytes): Promise<(UploadedBytes & { version: string }) | null> {
      const o = objects.get(key);
      if (!o) return null;
      if (o.bytes.length !== declaredSize) return { size: o.bytes.length, firstBytes: new Uint8Array(), version: o.etag };
      return { size: o.bytes.length, firstBytes: o.bytes.subarray(0, firstBytes), sha256: sha256(o.bytes), version: o.etag };
    },
    async pin(from, version, to) {
      onPin();
      const o = objects.get(from);
      if (o?.etag !== version) return false;
      objects.set(to, o);
      return true;
    },
  };
  return { objects, put, store };
}

function world(onPin?: () => void) {
  const file = newAttachment(
    { fileName: '整改报告.pdf', contentType: 'application/pdf', size: PDF.length },
    { id: 'f1', caller: liaison, now: new Date('2026-11-29T01:00:00Z') },
  );
  const records = new Map<string, FileAttachment>([[file.id, file]]);
  const b = bucket(onPin);
  const deps = {
    attachments: {
      create: async () => undefined,
      get: async (id: string) => records.get(id) ?? null,
      getMany: async () => [...records.values()],
    },
    store: { ...b.store, uploadUrl: async () => '', downloadUrl: async () => '' },
    clock: { now: () => new Date('2026-11-29T02:00:00Z') },
  };
  return { file, deps, ...b };
}

describe('attaching pins the bytes checked', () => {
  it('copies the upload under attached/<id>/<sha256> and hands the change that key and digest to record', async () => {
    const w = world();
    w.put(w.file.key, PDF);
    const [pinned] = await usableAttachments(w.deps, liaison, ['f1']);
    expect(pinned).toMatchObject({ id: 'f1', sha256: sha256(PDF), key: attachedKey('f1', sha256(PDF)) });
    expect(pinned?.key).toBe(`attached/f1/${sha256(PDF)}`);
    expect(w.objects.get(pinned?.key ?? '')?.bytes).toEqual(PDF);
    // A later PUT to the upload's key leaves the pinned copy as it was.
    w.put(w.file.key, new TextEncoder().encode('%PDF-1.4\n% another\n%%EOF\n'));
    expect(w.objects.get(pinned?.key ?? '')?.bytes).toEqual(PDF);
    const [claim] = fileParts(pinned ? [pinned] : [], { kind: 'completion', itemId: 'i1' }, new Date());
    expect(claim).toMatchObject({ fileId: 'f1', key: pinned?.key, sha256: sha256(PDF) });
  });

  it('refuses (422 replaced) a file uploaded again between its check and its copy, pinning nothing', async () => {
    const w = world(() => w.put(w.file.key, new TextEncoder().encode('%PDF-1.4\n% swap\n%%EOF\n')));
    w.put(w.file.key, PDF);
    await expect(usableAttachments(w.deps, liaison, ['f1'])).rejects.toMatchObject({
      code: 'attachment-unusable',
      details: [{ path: 'attachmentIds.0', message: { key: 'attachment.replaced', params: { id: 'f1', name: '整改报告.pdf' } } }],
    });
    expect([...w.objects.keys()].filter((k) => k.startsWith('attached/'))).toEqual([]);
  });

  it('lets a retry under its key find its own files attached to the same place, and no other request or place', async () => {
    const w = world();
    w.put(w.file.key, PDF);
    const [pinned] = await usableAttachments(w.deps, liaison, ['f1']);
    // The first attempt's transaction attached it to item i1's report.
    Object.assign(w.file, { attachedTo: { kind: 'report', itemId: 'i1', reportId: 'r1' }, sha256: pinned!.sha256, key: pinned!.key });
    const named = (key: string | undefined, place: Parameters<typeof filesNamed>[4]) => filesNamed(w.deps, liaison, ['f1'], key, place);
    expect((await named('k1', { kind: 'report', itemId: 'i1' })).map((f) => f.id)).toEqual(['f1']);
    for (const [key, place] of [
      [undefined, { kind: 'report', itemId: 'i1' }],
      ['k1', { kind: 'report', itemId: 'i2' }],
      ['k1', { kind: 'completion', itemId: 'i1' }],
      ['k1', { kind: 'rectification', noticeId: 'n1', unitId: liaison.unitId! }],
    ] as const)
      await expect(named(key, place)).rejects.toMatchObject({ code: 'attachment-unusable' });
  });

  it('refuses a body longer than declared without hashing or pinning it', async () => {
    const w = world();
    w.put(w.file.key, new Uint8Array([...PDF, ...PDF]));
    await expect(usableAttachments(w.deps, liaison, ['f1'])).rejects.toMatchObject({ code: 'attachment-unusable' });
    expect([...w.objects.keys()]).toEqual([w.file.key]);
  });

  it('names a refused file of the caller by its file name, another’s by no name and no id (a person reads it)', async () => {
    const w = world();
    const refusal = async (caller: Caller) => {
      const error = await usableAttachments(w.deps, caller, ['f1']).catch((e: RuleViolation) => e);
      return { zh: render((error as RuleViolation).problem, 'zh'), detail: render((error as RuleViolation).details[0]!.message, 'zh') };
    };
    expect(await refusal(liaison)).toEqual({ zh: '以下附件不能使用：“整改报告.pdf”', detail: '附件“整改报告.pdf”尚未上传' });
    expect(await refusal({ sub: 'someone-else', role: 'unit', unitId: 'b' })).toEqual({
      zh: '所选附件不能使用',
      detail: '所选附件不存在或不属于您',
    });
  });
});
