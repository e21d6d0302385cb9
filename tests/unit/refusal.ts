import { problemFor } from '../../functions/http/problems';

/** The answer a request part gets when it is refused, in both languages; throws when it is accepted. */
export function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    const zh = problemFor(error, 'zh');
    const en = problemFor(error, 'en');
    return { status: zh.statusCode, zh: JSON.parse(zh.body).error, en: JSON.parse(en.body).error };
  }
  throw new Error('accepted');
}
