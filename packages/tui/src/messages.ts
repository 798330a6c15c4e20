/**
 * Every string the `lab` command prints, in English and Simplified Chinese.
 */

import type { Lang } from './lang.ts';

const en = {
  usage: `Usage: pnpm lab <command> [options]

Commands:
  start          open the labs in the terminal UI (needs a terminal)
  list           list the labs and their steps
  test <lab> [--step id] [--watch]  run the public tests on your files (exit 0 when all pass)
  run <lab> <scenario> [--seed n] [--steps n]  print a scenario's trace, one row per event
  hint <lab> [--step id]  show the next hint of a step (default: the first step not yet passed)
  submit <lab> [--out file]  write <lab>-submission.tar.gz (or --out x.zip) to hand in
  reset <lab> [--step id] [--yes]  put the original back in your files (asks first, keeps a backup)
  doctor         check this machine: Node, pnpm, terminal, file watching, sandbox, labs
  validate [lab…]  (course staff) check labs: solution full marks, stubs fail hidden tests, docs in en and zh
  help           show this help

Options:
  --lang en|zh   language (default: from the locale)
  --json         machine-readable output (list, test, run)
  --yes          reset without asking (a backup is still kept)`,
  noLabs: 'No labs are installed yet: packages/labs/ has no lab.json.',
  labsHeader: 'Labs:',
  scenarios: 'scenarios (pnpm lab run <lab> <scenario>)',
  testsSummary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
  steps: (n: number) => `${n} step${n === 1 ? '' : 's'}`,
  points: (n: number) => `${n} points`,
  unknownCommand: (c: string) => `lab: unknown command "${c}". Run "pnpm lab help" for the list of commands.`,
  badLang: (v: string) => `lab: --lang must be "en" or "zh", not "${v}".`,
  brokenLab: (dir: string, message: string) => `lab: skipping ${dir}: ${message}`,
  unknownLab: (id: string, known: string[]) => `lab: unknown lab "${id}" (labs: ${known.join(', ') || 'none'})`,
  needLab: 'lab test: name a lab, e.g. pnpm lab test director',
  needLabFor: (command: string) => `lab ${command}: name a lab, e.g. pnpm lab ${command} director`,
  needScenario: 'lab run: name a scenario too, e.g. pnpm lab run director two-programs (pnpm lab list shows the labs)',
  badNumber: (flag: string, value: string) => `lab: ${flag} must be a whole number, not "${value}"`,
  notATerminal: 'lab start needs a terminal. Without one, use the plain commands: pnpm lab list, pnpm lab test <lab> [--step id], pnpm lab hint <lab>, pnpm lab run <lab> <scenario>.',
  unknownStep: (step: string, known: string[]) => `lab test: this lab has no step "${step}" (steps: ${known.join(', ')})`,
  machinery: (why: string) => `lab test: the test runner failed (not your code): ${why}`,
  compileError: (error: string) => `Your code does not compile:\n${error}`,
  loadError: (error: string) => `Your code failed to load: ${error}`,
  printed: 'printed',
  noPublicTests: 'This step has no public tests.',
};

const zh: typeof en = {
  usage: `用法：pnpm lab <命令> [选项]

命令：
  start          在终端界面中打开实验（需要终端）
  list           列出实验及其步骤
  test <实验> [--step 步骤] [--watch]  用你的代码运行公开测试（全部通过时退出码为 0）
  run <实验> <场景> [--seed n] [--steps n]  打印场景的执行轨迹，每个事件一行
  hint <实验> [--step 步骤]  显示某个步骤的下一条提示（默认：第一个尚未通过的步骤）
  submit <实验> [--out 文件]  写出用于提交的 <实验>-submission.tar.gz（或 --out x.zip）
  reset <实验> [--step 步骤] [--yes]  把你的文件恢复为原始版本（先询问，并保留备份）
  doctor         检查这台机器：Node、pnpm、终端、文件监视、沙箱、实验
  validate [实验…] （课程教师）检查实验：参考答案得满分、桩代码通不过隐藏测试、文档有中英文两版
  help           显示本帮助

选项：
  --lang en|zh   界面语言（默认按系统区域设置）
  --json         输出机器可读的 JSON（list、test、run）
  --yes          reset 时不再询问（仍会保留备份）`,
  noLabs: '尚未安装任何实验：packages/labs/ 下没有 lab.json。',
  labsHeader: '实验：',
  scenarios: '场景（pnpm lab run <实验> <场景>）',
  testsSummary: (passed: number, failed: number) => `${passed} 个通过，${failed} 个失败`,
  steps: (n: number) => `${n} 个步骤`,
  points: (n: number) => `${n} 分`,
  unknownCommand: (c: string) => `lab：未知命令 "${c}"。运行 "pnpm lab help" 查看命令列表。`,
  badLang: (v: string) => `lab：--lang 只能是 "en" 或 "zh"，而不是 "${v}"。`,
  brokenLab: (dir: string, message: string) => `lab：跳过 ${dir}：${message}`,
  unknownLab: (id: string, known: string[]) => `lab：没有名为 "${id}" 的实验（现有实验：${known.join(', ') || '无'}）`,
  needLab: 'lab test：请指定实验，例如 pnpm lab test director',
  needLabFor: (command: string) => `lab ${command}：请指定实验，例如 pnpm lab ${command} director`,
  needScenario: 'lab run：还需要指定场景，例如 pnpm lab run director two-programs（pnpm lab list 列出所有实验）',
  badNumber: (flag: string, value: string) => `lab：${flag} 必须是非负整数，而不是 "${value}"`,
  notATerminal: 'lab start 需要在终端中运行。没有终端时，请使用普通命令：pnpm lab list、pnpm lab test <实验> [--step 步骤]、pnpm lab hint <实验>、pnpm lab run <实验> <场景>。',
  unknownStep: (step: string, known: string[]) => `lab test：该实验没有步骤 "${step}"（现有步骤：${known.join(', ')}）`,
  machinery: (why: string) => `lab test：测试运行器出错（不是你的代码的问题）：${why}`,
  compileError: (error: string) => `你的代码无法编译：\n${error}`,
  loadError: (error: string) => `你的代码加载失败：${error}`,
  printed: '输出',
  noPublicTests: '这个步骤没有公开测试。',
};

/** The message table for a language. */
export function messages(lang: Lang): typeof en {
  return lang === 'zh' ? zh : en;
}
