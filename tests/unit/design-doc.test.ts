import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as keys from '../../functions/adapters/dynamodb/keys';
import { contract } from '../../functions/http/contract';
import { routeGroups } from '../../functions/http/routes';
import { schedules } from '../../functions/jobs/schedules';

/**
 * The documents stay true as the code grows (issue 26): every route is in the README's API, and every route
 * group, job and kind of record the code keys is named in docs/design.md. A new one fails here until it is written up.
 */
const design = readFileSync(new URL('../../docs/design.md', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The constant part of a key as the code builds it (`ITEM#`, `REPORT#`, `CALENDAR`…): what the design's table names. */
const prefixOf = (value: string) => (value.includes('#') ? value.slice(0, value.indexOf('#') + 1) : value);

function keyPrefixes(): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(keys)) {
    if (typeof value === 'string') found.add(prefixOf(value));
    if (typeof value === 'function' && name.endsWith('Key')) {
      // Each builder with placeholders: the parts that are not the placeholders are the record's kind.
      const key = (() => {
        try {
          return (value as (...args: unknown[]) => unknown)('x', 'y', 'z');
        } catch {
          return undefined;
        }
      })() as { PK?: unknown; SK?: unknown } | undefined;
      for (const part of [key?.PK, key?.SK]) if (typeof part === 'string' && part !== 'x') found.add(prefixOf(part));
    }
    if (typeof value === 'object' && value !== null && 'PK' in value) found.add(prefixOf(String((value as keys.Key).PK)));
  }
  // A builder that takes an object, given strings, builds nonsense (`undefined#…`): only upper-case kinds count.
  return [...found].filter((p) => /^[A-Z][A-Z-]*#?$/.test(p) && p.length > 1).sort();
}

describe('the documents name what the code has', () => {
  it('the README documents every route of the contract', () => {
    const missing = Object.values(contract)
      .filter((o) => !readme.includes(o.path))
      .map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
  });

  it('the design names every route group and every scheduled job', () => {
    expect(routeGroups.filter((g) => !design.includes(`\`${g}\``))).toEqual([]);
    expect(schedules.map((j) => j.name).filter((name) => !design.includes(name))).toEqual([]);
  });

  it("the design's table of records names every kind of key the adapters build", () => {
    const prefixes = keyPrefixes();
    expect(prefixes.length).toBeGreaterThan(20);
    expect(prefixes.filter((p) => !design.includes(p))).toEqual([]);
  });
});
