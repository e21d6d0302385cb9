import { DEFAULT_LANGUAGE, languages, type Language } from '../messages/message';

/** A language range of Accept-Language (RFC 9110 §12.5.4): `*`, `zh`, `zh-Hans-CN`, `en-GB`… */
const RANGE = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/i;
/** A weight: 0 to 1 with at most three decimals. */
const WEIGHT = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;

/**
 * The language to answer in, from Accept-Language: the supported language
 * (zh, en) of the highest weight, ties in the order given. `q=0` refuses a
 * language; `*` stands for the supported languages the header does not name;
 * a range with a malformed weight is ignored. Chinese when nothing usable is
 * asked for: clerks read Chinese.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranges: { language: Language | '*'; weight: number }[] = [];
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    if (!RANGE.test(range)) continue;
    const q = params.find((p) => /^q\s*=/i.test(p))?.replace(/\s+/g, '');
    if (q !== undefined && !WEIGHT.test(q)) continue;
    const primary = range.split('-')[0]!.toLowerCase();
    if (primary === '*' || (languages as readonly string[]).includes(primary)) {
      ranges.push({ language: primary as Language | '*', weight: q === undefined ? 1 : Number(q.slice(2)) });
    }
  }
  const named = new Set(ranges.map((r) => r.language));
  const refused = new Set(ranges.filter((r) => r.weight === 0).map((r) => r.language));
  const wildcard = languages.find((l) => !named.has(l));
  // Array#sort is stable: equal weights keep the order the client gave.
  const best = ranges
    .filter((r) => r.weight > 0)
    .map((r) => ({ ...r, language: r.language === '*' ? wildcard : r.language }))
    .filter((r): r is { language: Language; weight: number } => r.language !== undefined && !refused.has(r.language))
    .sort((a, b) => b.weight - a.weight)[0];
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** A header's value from API Gateway's map, whatever the case of its name (the last one when repeated). */
export function headerOf(headers: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let value: string | undefined;
  for (const [key, v] of Object.entries(headers ?? {})) if (key.toLowerCase() === wanted) value = v;
  return value;
}

/** What the response says of its language. */
export const contentLanguage = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en');
