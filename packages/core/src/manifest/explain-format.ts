/**
 * Why an id or a path breaks its format, and a corrected value to copy.
 *
 * Interface: `explainId(path, value, guide)` for an id that is not kebab-case or not 2 to 40
 * characters; `explainPath(kind, value, guide)` for a path that breaks the rules of its kind
 * (PATH_RULES). Each returns { problem, fix }; explain-issue.ts adds the field.
 *
 *   id "MyLab_1"                 → not kebab-case,              fix: write "id": "my-lab-1"
 *   editable "src\\director.ts"  → uses backslashes,            fix: use forward slashes, e.g. "src/director.ts"
 *   doc "docs/en/01-context.md"  → has no {lang} …,             fix: write {lang} where en or zh goes, e.g. "docs/{lang}/01-context.md"
 *
 * Invariants: the first rule broken is the one reported, in the order the checks read; the
 * corrected value follows every rule of its kind, or is the guide's example when none is close.
 */
import type { ManifestIssue } from './errors.ts';
import type { FieldGuide } from './field-guides.ts';
import { eg, exampleAt } from './field-guides.ts';
import { show } from './json-value.ts';
import { KEBAB_CASE, LANG_PLACEHOLDER, PATH_RULES, type PathKind } from './schema.ts';

/** The problem with an id that is not kebab-case or not 2 to 40 characters, and a corrected id. */
export function explainId(path: readonly PropertyKey[], value: string, guide: FieldGuide): Omit<ManifestIssue, 'field'> {
  const suggestion = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const fixed = suggestion.length >= 2 ? JSON.stringify(suggestion) : guide.example;
  if (!KEBAB_CASE.test(value)) {
    return {
      problem: `${show(value)} is not kebab-case (lowercase letters, digits and "-", starting with a letter)`,
      fix: `write ${exampleAt(path, fixed)}`,
    };
  }
  if (value.length < 2) return { problem: `${show(value)} is too short: ids have 2 to 40 characters`, fix: `use a longer id${eg(path, guide)}` };
  return {
    problem: `${show(value)} is too long (${value.length} characters): ids have 2 to 40 characters`,
    fix: `shorten it, e.g. ${exampleAt(path, fixed)}`,
  };
}

/** Why a path breaks its kind's rules, and the path corrected. */
export function explainPath(kind: PathKind, value: string, guide: FieldGuide): Omit<ManifestIssue, 'field'> {
  const { prefix, suffix } = PATH_RULES[kind];
  const fixed = correctPath(kind, value) ?? guide.example;
  const p = show(value);
  if (value === '') return { problem: 'the path is empty', fix: `write a path, e.g. ${guide.example}` };
  if (value.includes('\\')) return { problem: `${p} uses backslashes`, fix: `use forward slashes, e.g. ${fixed}` };
  if (value.startsWith('/')) return { problem: `${p} is an absolute path`, fix: `write it relative to the lab folder, e.g. ${fixed}` };
  const segments = value.split('/');
  if (segments.includes('..')) {
    return { problem: `${p} has a ".." segment (paths must stay inside the lab folder)`, fix: `name the file from the lab folder without "..", e.g. ${fixed}` };
  }
  if (segments.some((s) => s === '' || s === '.')) return { problem: `${p} has an empty or "." segment`, fix: `write it without, e.g. ${fixed}` };
  if (!value.startsWith(prefix)) {
    const why = kind === 'editable' ? ' (students edit only files under src/)' : '';
    return { problem: `${p} is not under ${prefix}${why}`, fix: `move the file under ${prefix} and write its path, e.g. ${fixed}` };
  }
  if (!value.endsWith(suffix)) return { problem: `${p} does not end in ${suffix}`, fix: `rename the file to end in ${suffix}, e.g. ${fixed}` };
  if (kind === 'doc') {
    return { problem: `${p} has no ${LANG_PLACEHOLDER} for the language folder`, fix: `write ${LANG_PLACEHOLDER} where en or zh goes, e.g. ${fixed}` };
  }
  return { problem: `${p} is not ${guide.expected}`, fix: `write ${guide.expected}, e.g. ${fixed}` };
}

/** A path of the given kind close to `value` that follows the rules (quoted), or undefined. */
function correctPath(kind: PathKind, value: string): string | undefined {
  const { prefix, suffix } = PATH_RULES[kind];
  let segments = value.replaceAll('\\', '/').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  // Drop folders that a wrong prefix may start with, then put the right prefix in front.
  const known = new Set(['solution', 'src', 'tests', 'public', 'hidden', 'scenarios']);
  if (prefix !== '') {
    while (segments.length > 1 && known.has(segments[0]!)) segments = segments.slice(1);
    segments = [...prefix.split('/').filter((s) => s !== ''), ...segments];
  }
  const last = segments.pop();
  if (last === undefined) return undefined;
  let name = last;
  if (suffix !== '' && !name.endsWith(suffix)) name = name.replace(/(\.(test|spec))?\.[cm]?[jt]sx?$/, '') + suffix;
  segments.push(name);
  if (kind === 'doc' && !value.includes(LANG_PLACEHOLDER)) {
    const lang = segments.findIndex((s) => s === 'en' || s === 'zh');
    if (lang >= 0) segments[lang] = LANG_PLACEHOLDER;
    else segments.splice(segments.length - 1, 0, LANG_PLACEHOLDER);
  }
  return JSON.stringify(segments.join('/'));
}
