import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** Parses the Atom and checks what RFC 4287 requires of a feed and its entries. */
export function parseAtom(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['entry', 'category', 'link'].includes(name) }).parse(xml);
  const feed = parsed.feed;
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const required of ['id', 'title', 'updated']) expect(feed[required], `feed ${required}`).toBeTruthy();
  expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
  expect(feed.author?.name ?? (feed.entry ?? []).every((e: { author?: unknown }) => e.author)).toBeTruthy();
  const entries: Record<string, unknown>[] = feed.entry ?? [];
  for (const entry of entries) {
    for (const required of ['id', 'title', 'updated']) expect(entry[required], `entry ${required}`).toBeTruthy();
    expect(Number.isNaN(Date.parse(entry.updated as string))).toBe(false);
    // Without an alternate link an entry must have content (RFC 4287 §4.1.2).
    expect(entry.content).toBeTruthy();
  }
  expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  return { feed, entries };
}
