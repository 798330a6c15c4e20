/**
 * Which language the student reads: `--lang en|zh`, else the locale (LC_ALL, LC_MESSAGES, LANG).
 */

/** A language every student-facing string exists in. */
export type Lang = 'en' | 'zh';

/** The language from a `--lang` value, else from the environment's locale; English by default. */
export function detectLang(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang {
  if (flag !== undefined) return flag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
