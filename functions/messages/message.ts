/**
 * A message as data: which entry of the catalogue, with which values. Rules
 * raise errors carrying messages (they know no language and no HTTP); the
 * HTTP edge renders them in the language the request asks for.
 */
import { catalogue, type NestedMessage } from './catalogue';

export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];
export const DEFAULT_LANGUAGE: Language = 'zh';

export type MessageKey = keyof typeof catalogue;
type ParamsOf<K extends MessageKey> = Parameters<(typeof catalogue)[K]['zh']>[0];

export interface Message<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly params: ParamsOf<K>;
}

/** say('missing.item', { id }): the message, to be rendered later in the caller's language. */
export function say<K extends MessageKey>(
  key: K,
  // biome-ignore lint/complexity/noBannedTypes: `{}` is an entry with no values; only those may be said without any.
  ...params: {} extends ParamsOf<K> ? [params?: ParamsOf<K>] : [params: ParamsOf<K>]
): Message<K> {
  return { key, params: (params[0] ?? {}) as ParamsOf<K> };
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(catalogue, value);
}

/** The message in a language; a message nested in its values is rendered in the same language. */
export function render(message: Message | NestedMessage, language: Language): string {
  if (!isMessageKey(message.key)) return message.key;
  const entry = catalogue[message.key] as { [L in Language]: (params: unknown, say: (m: NestedMessage) => string) => string };
  return entry[language](message.params ?? {}, (nested) => render(nested, language));
}
