/**
 * Every string that `lab hint`, `lab submit`, `lab reset`, `lab doctor`, the progress file and
 * watch mode print, in English and Simplified Chinese (the same pattern as messages.ts).
 */

import type { Lang } from './lang.ts';

const en = {
  // The progress file.
  progressCorrupt: (file: string, keptAs: string) =>
    `lab: ${file} could not be read, so it was kept as ${keptAs} and your progress (passed steps, hints) starts afresh.`,

  // lab hint
  hintUnknownStep: (step: string, known: string[]) => `lab hint: this lab has no step "${step}" (steps: ${known.join(', ')})`,
  hintStep: (index: number, total: number, title: string, id: string) => `Step ${index} of ${total}: ${title} (${id})`,
  hintLine: (level: number, total: number, text: string) => `Hint ${level} of ${total}: ${text}`,
  hintMore: (command: string) => `For the next hint, run: ${command}`,
  hintLast: 'That was the last hint of this step.',
  hintAllShown: (n: number) => `All ${n} hints of this step were already shown; there are no more.`,

  // lab submit
  submitBadOut: (out: string) => `lab submit: --out must end in .tar.gz, .tgz or .zip, not "${out}".`,
  submitMissing: (path: string, lab: string) =>
    `lab submit: ${path} is missing, so nothing was written (pnpm lab reset ${lab} restores the original).`,
  submitUnreadable: (path: string, why: string) => `lab submit: ${path} could not be read (${why}), so nothing was written.`,
  submitEmpty: (path: string) => `lab submit: ${path} is empty, so nothing was written. Put your work back in it, then submit again.`,
  submitNotText: (path: string) => `lab submit: ${path} is not UTF-8 text, which the grader would ignore, so nothing was written.`,
  submitTooLarge: (path: string, bytes: number, max: number) =>
    `lab submit: ${path} is ${bytes} bytes, over this lab's limit of ${max}, which the grader would ignore, so nothing was written.`,
  submitWriteFailed: (file: string, why: string) => `lab submit: could not write ${file}: ${why}`,
  submitWrote: (file: string, lab: string, version: string, n: number) => `Wrote ${file} (lab ${lab} ${version}, ${n} file${n === 1 ? '' : 's'}):`,
  submitFile: (path: string, bytes: number, sha: string) => `  ${path}  ${bytes} bytes  sha256 ${sha}`,
  submitManifest: (name: string) => `  ${name}  (the lab, its version and each file's sha256)`,
  submitNext: 'Hand in this file the way your course asks (for example, upload it to Gradescope).',

  // lab reset
  resetUnknownStep: (step: string, known: string[]) => `lab reset: this lab has no step "${step}" (steps: ${known.join(', ')})`,
  resetNoGit: 'lab reset: git is needed to find the original files, and it was not found. Install git (https://git-scm.com/), then try again.',
  resetNoOriginal: (path: string, why: string) => `lab reset: the original of ${path} is not in this repository's last commit (git show HEAD:${path}: ${why}).`,
  resetNoFiles: (step: string) => `lab reset: no editable file has a TODO(${step}) in its original, so there is nothing to reset for this step.`,
  resetAsk: (path: string, backupDir: string) => `Overwrite ${path}? A backup goes to ${backupDir}/ [y/N] `,
  resetNeedsYes: (paths: string[]) =>
    `lab reset: this would overwrite ${paths.join(', ')}; run it in a terminal to confirm each file, or add --yes.`,
  resetSame: (path: string) => `${path} is already the original; skipped.`,
  resetRestored: (path: string, backup: string) => `Restored ${path} to the original; your version is in ${backup}.`,
  resetRestoredMissing: (path: string) => `Restored ${path} (it was missing).`,
  resetKept: (path: string) => `Kept ${path} as it is.`,

  // lab doctor
  doctorHeader: 'lab doctor: checking this machine for virtlab',
  doctorFix: (how: string) => `    fix: ${how}`,
  doctorNodeOk: (version: string, need: string) => `Node ${version} (needs ${need} or later)`,
  doctorNodeOld: (version: string, need: string) => `Node ${version} is older than ${need}, which virtlab needs.`,
  doctorNodeFix: (need: string) => `install Node ${need} or later from https://nodejs.org/ (or: nvm install 22, fnm install 22, volta install node@22)`,
  doctorPnpmOk: (version: string) => `pnpm ${version}`,
  doctorPnpmMissing: 'pnpm was not found.',
  doctorPnpmOther: (version: string, want: string) => `pnpm ${version}; this repository uses pnpm ${want}.`,
  doctorPnpmFix: (want: string) => `npm install -g pnpm@${want}`,
  doctorTtyOk: 'terminal: output goes to a terminal',
  doctorTtyNo: 'terminal: output is not a terminal (it goes to a pipe or a file); the lab screens need one.',
  doctorTtyFix: 'run pnpm lab in a terminal window, without | or >',
  doctorSizeOk: (columns: number, rows: number) => `terminal size: ${columns}×${rows} (needs 80×24)`,
  doctorSizeSmall: (columns: number, rows: number) => `terminal size: ${columns}×${rows} is smaller than 80×24; some screens will be cut off.`,
  doctorSizeUnknown: 'terminal size: unknown (output is not a terminal)',
  doctorSizeFix: 'make the window larger (at least 80 columns and 24 rows), or the font smaller',
  doctorTermOk: (term: string) => `TERM=${term}`,
  doctorTermWindows: 'TERM: not needed on Windows',
  doctorTermMissing: 'TERM is not set; colours and keys may not work.',
  doctorTermFix: 'export TERM=xterm-256color (and add that line to ~/.bashrc or ~/.zshrc)',
  doctorWatchOk: 'file watching: file events arrive',
  doctorWatchPoll: 'file watching: no file event arrived within 1 s; watch mode will poll for changes instead (a little slower).',
  doctorWatchFix: 'keep your checkout on a local disk (on WSL, in your Linux home, not under /mnt/); on Linux, raise fs.inotify.max_user_watches',
  doctorLayerOn: (name: string, note: string) => `sandbox layer ${name}: on, ${note}`,
  doctorLayerOff: (name: string, note: string) => `sandbox layer ${name}: off, ${note}`,
  doctorLayerNote: (_name: string, _active: boolean, note: string) => note,
  doctorLayerFix: 'not needed for lab test (the grader on the course machine has every layer); on Linux, the reason above says how to turn it on',
  doctorLabOk: (id: string, steps: number) => `lab ${id}: lab.json loads (${steps} step${steps === 1 ? '' : 's'})`,
  doctorLabBroken: (dir: string, message: string) => `lab ${dir}: ${message}`,
  doctorLabFix: "this lab's lab.json is broken: update your checkout (git pull), or tell your course staff",
  doctorNoLabs: (dir: string) => `no labs found in ${dir}`,
  doctorNoLabsFix: 'run pnpm lab doctor inside your course repository, after pnpm install',
  doctorAllOk: 'All checks passed.',
  doctorWarningsOnly: (warnings: number) => `No problems; ${warnings} warning${warnings === 1 ? '' : 's'} (!): virtlab works, within the limits above.`,
  doctorProblems: (problems: number, warnings: number) =>
    `${problems} problem${problems === 1 ? '' : 's'} (✗) to fix, ${warnings} warning${warnings === 1 ? '' : 's'} (!).`,

  // Watch mode.
  watchingEvents: 'watching your files',
  watchingPolling: 'watching (polling: file events do not arrive here)',
};

/** The grader's notes on its sandbox layers (layers.ts), in Chinese, by layer name; a note not here is shown as the grader wrote it. */
const ZH_LAYER_ON: Record<string, string> = {
  prlimit: '限制地址空间（防止 ArrayBuffer 炸弹）、打开的文件数和文件大小',
  bubblewrap: '无网络、看不到主机文件、独立的 PID 命名空间、干净的环境变量、uid 65534',
  'node permission model': '不能创建子进程，不能访问沙箱运行时以外的文件',
  'worker thread': '堆内存上限；遇到死循环或微任务洪泛时被终止',
  'SES compartment': '冻结的内置对象；没有 process、require、fs 和网络；无法伪造测试结果',
};
const ZH_LAYER_OFF: Record<string, string> = {
  prlimit: '不可用（需要 util-linux）；堆外内存不受限制',
  'node permission model': '这个版本的 Node 没有权限模型',
};

const zh: typeof en = {
  progressCorrupt: (file: string, keptAs: string) => `lab：无法读取 ${file}，已将其保留为 ${keptAs}，你的进度（已通过的步骤、提示）从头开始记录。`,

  hintUnknownStep: (step: string, known: string[]) => `lab hint：该实验没有步骤 "${step}"（现有步骤：${known.join(', ')}）`,
  hintStep: (index: number, total: number, title: string, id: string) => `第 ${index} 步（共 ${total} 步）：${title}（${id}）`,
  hintLine: (level: number, total: number, text: string) => `提示 ${level}/${total}：${text}`,
  hintMore: (command: string) => `要看下一条提示，请运行：${command}`,
  hintLast: '这是本步骤的最后一条提示。',
  hintAllShown: (n: number) => `本步骤的 ${n} 条提示都已显示过，没有更多了。`,

  submitBadOut: (out: string) => `lab submit：--out 的文件名必须以 .tar.gz、.tgz 或 .zip 结尾，而不是 "${out}"。`,
  submitMissing: (path: string, lab: string) => `lab submit：缺少 ${path}，因此没有写出任何文件（pnpm lab reset ${lab} 可以恢复原始文件）。`,
  submitUnreadable: (path: string, why: string) => `lab submit：无法读取 ${path}（${why}），因此没有写出任何文件。`,
  submitEmpty: (path: string) => `lab submit：${path} 是空文件，因此没有写出任何文件。请把你的代码放回去，再重新提交。`,
  submitNotText: (path: string) => `lab submit：${path} 不是 UTF-8 文本，评分程序会忽略它，因此没有写出任何文件。`,
  submitTooLarge: (path: string, bytes: number, max: number) =>
    `lab submit：${path} 有 ${bytes} 字节，超过本实验 ${max} 字节的上限，评分程序会忽略它，因此没有写出任何文件。`,
  submitWriteFailed: (file: string, why: string) => `lab submit：无法写入 ${file}：${why}`,
  submitWrote: (file: string, lab: string, version: string, n: number) => `已写出 ${file}（实验 ${lab} ${version}，${n} 个文件）：`,
  submitFile: (path: string, bytes: number, sha: string) => `  ${path}  ${bytes} 字节  sha256 ${sha}`,
  submitManifest: (name: string) => `  ${name}  （实验、版本以及每个文件的 sha256）`,
  submitNext: '请按课程要求提交这个文件（例如上传到 Gradescope）。',

  resetUnknownStep: (step: string, known: string[]) => `lab reset：该实验没有步骤 "${step}"（现有步骤：${known.join(', ')}）`,
  resetNoGit: 'lab reset：需要用 git 找到原始文件，但没有找到 git。请安装 git（https://git-scm.com/）后重试。',
  resetNoOriginal: (path: string, why: string) => `lab reset：仓库的最新提交中没有 ${path} 的原始版本（git show HEAD:${path}：${why}）。`,
  resetNoFiles: (step: string) => `lab reset：没有哪个可编辑文件的原始版本含有 TODO(${step})，这个步骤没有可重置的内容。`,
  resetAsk: (path: string, backupDir: string) => `覆盖 ${path}？备份会保存到 ${backupDir}/ [y/N] `,
  resetNeedsYes: (paths: string[]) => `lab reset：这会覆盖 ${paths.join(', ')}；请在终端中运行以逐个确认，或加上 --yes。`,
  resetSame: (path: string) => `${path} 已经是原始版本，跳过。`,
  resetRestored: (path: string, backup: string) => `已将 ${path} 恢复为原始版本；你的版本保存在 ${backup}。`,
  resetRestoredMissing: (path: string) => `已恢复 ${path}（该文件原先缺失）。`,
  resetKept: (path: string) => `保留 ${path} 不变。`,

  doctorHeader: 'lab doctor：检查这台机器能否运行 virtlab',
  doctorFix: (how: string) => `    解决：${how}`,
  doctorNodeOk: (version: string, need: string) => `Node ${version}（需要 ${need} 或更新版本）`,
  doctorNodeOld: (version: string, need: string) => `Node ${version} 比 virtlab 所需的 ${need} 旧。`,
  doctorNodeFix: (need: string) => `从 https://nodejs.org/ 安装 Node ${need} 或更新版本（或者：nvm install 22、fnm install 22、volta install node@22）`,
  doctorPnpmOk: (version: string) => `pnpm ${version}`,
  doctorPnpmMissing: '没有找到 pnpm。',
  doctorPnpmOther: (version: string, want: string) => `pnpm ${version}；本仓库使用 pnpm ${want}。`,
  doctorPnpmFix: (want: string) => `npm install -g pnpm@${want}`,
  doctorTtyOk: '终端：输出到终端',
  doctorTtyNo: '终端：输出没有连到终端（而是管道或文件）；实验界面需要终端。',
  doctorTtyFix: '在终端窗口中直接运行 pnpm lab，不要使用 | 或 >',
  doctorSizeOk: (columns: number, rows: number) => `终端大小：${columns}×${rows}（需要 80×24）`,
  doctorSizeSmall: (columns: number, rows: number) => `终端大小：${columns}×${rows} 小于 80×24，部分界面会显示不全。`,
  doctorSizeUnknown: '终端大小：未知（输出没有连到终端）',
  doctorSizeFix: '把窗口调大（至少 80 列、24 行），或把字体调小',
  doctorTermOk: (term: string) => `TERM=${term}`,
  doctorTermWindows: 'TERM：Windows 上不需要',
  doctorTermMissing: '没有设置 TERM，颜色和按键可能无法正常工作。',
  doctorTermFix: 'export TERM=xterm-256color（并把这一行加到 ~/.bashrc 或 ~/.zshrc）',
  doctorWatchOk: '文件监视：能收到文件事件',
  doctorWatchPoll: '文件监视：1 秒内没有收到文件事件；监视模式将改为轮询检查文件变化（稍慢一些）。',
  doctorWatchFix: '把仓库放在本地磁盘上（WSL 中放在 Linux 主目录，而不是 /mnt/ 下）；Linux 上可以调大 fs.inotify.max_user_watches',
  doctorLayerOn: (name: string, note: string) => `沙箱层 ${name}：已启用，${note}`,
  doctorLayerOff: (name: string, note: string) => `沙箱层 ${name}：未启用，${note}`,
  doctorLayerNote: (name: string, active: boolean, note: string) => (active ? ZH_LAYER_ON[name] : ZH_LAYER_OFF[name]) ?? note,
  doctorLayerFix: 'lab test 不需要它（课程机器上的评分程序会启用所有沙箱层）；在 Linux 上，上面的原因说明了如何启用',
  doctorLabOk: (id: string, steps: number) => `实验 ${id}：lab.json 加载成功（${steps} 个步骤）`,
  doctorLabBroken: (dir: string, message: string) => `实验 ${dir}：${message}`,
  doctorLabFix: '该实验的 lab.json 有误：请更新你的仓库（git pull），或告诉课程教师',
  doctorNoLabs: (dir: string) => `${dir} 中没有找到任何实验`,
  doctorNoLabsFix: '请在课程仓库中先运行 pnpm install，再运行 pnpm lab doctor',
  doctorAllOk: '全部检查通过。',
  doctorWarningsOnly: (warnings: number) => `没有问题；${warnings} 条警告（!）：virtlab 可以使用，但有上面所说的限制。`,
  doctorProblems: (problems: number, warnings: number) => `${problems} 个问题（✗）需要解决，${warnings} 条警告（!）。`,

  watchingEvents: '正在监视你的文件',
  watchingPolling: '正在监视（轮询：这里收不到文件事件）',
};

/** The message table of the hint, submit, reset and doctor commands for a language. */
export function commandMessages(lang: Lang): typeof en {
  return lang === 'zh' ? zh : en;
}
