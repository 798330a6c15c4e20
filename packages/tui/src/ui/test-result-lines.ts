/**
 * The rows that show a step's public-test results: a summary, then each failing test with its
 * message (the assertion, then the expected/received diff, coloured), then the passing tests.
 * Failures come first so that a short panel still shows what to fix.
 *
 *   Tests  2 passed, 1 failed
 *   ✗ context › saves the registers
 *       AssertionError: expected [ 1, 2 ] to deeply equal [ 1, 3 ]
 *       - expected   + received          ← vitest's "- Expected / + Received", in the UI's language
 *         [
 *       -   3,
 *       +   2,
 *   ✓ context › restores the pc
 *
 * Interface: `testResultLines(run, t, width)` and `runCounts(report)`. Pure.
 */

import type { RunReport, TestOutcome } from '@virtlab/grader';
import type { UiMessages } from '../ui-messages.ts';
import { type StyledLine, cutLine, span, wrapSpans } from './styled-text.ts';
import type { TestRun } from './types.ts';

/** Passed and failed tests of a report (as `lab test` counts them), and whether the step counts as passed. */
export function runCounts(report: RunReport): { passed: number; failed: number; allPassed: boolean } {
  const passed = report.tests.filter((t) => t.status === 'passed').length;
  const failed = report.tests.length - passed;
  const clean = report.machinery === undefined && report.compileError === '' && report.loadError === '';
  return { passed, failed, allPassed: clean && passed > 0 && failed === 0 };
}

const INDENT = '    ';

/** A failure message's rows: prose wrapped; the diff cut, coloured, under a legend in the chosen language. */
function messageLines(message: string, width: number, t: UiMessages): StyledLine[] {
  const rows: StyledLine[] = [];
  let inDiff = false;
  for (const raw of message.split('\n')) {
    const line = raw.trimEnd();
    if (/^- Expected\b/.test(line)) {
      inDiff = true;
      rows.push(cutLine([span(INDENT), span(t.diffLegend.slice(0, t.diffLegend.indexOf('+')), { color: 'green' }), span(t.diffLegend.slice(t.diffLegend.indexOf('+')), { color: 'red' })], width));
    } else if (inDiff && /^\+ Received\b/.test(line)) {
      // the legend above says it
    } else if (inDiff) {
      const color = line.startsWith('-') ? 'green' : line.startsWith('+') ? 'red' : undefined;
      if (line !== '') rows.push(cutLine([span(INDENT), span(line, color === undefined ? { dim: true } : { color })], width));
    } else if (line !== '') {
      rows.push(...wrapSpans([span(line)], width, [span(INDENT)]));
    }
  }
  return rows;
}

function statusMark(test: TestOutcome, t: UiMessages): StyledLine {
  switch (test.status) {
    case 'passed':
      return [span('✓ ', { color: 'green' })];
    case 'skipped':
    case 'todo':
      return [span('- ', { dim: true })];
    case 'timeout':
      return [span('✗ ', { color: 'red' }), span(`(${t.timedOut}) `, { color: 'red' })];
    case 'error':
      return [span('✗ ', { color: 'red' }), span(`(${t.errored}) `, { color: 'red' })];
    default:
      return [span('✗ ', { color: 'red' })];
  }
}

function reportLines(report: RunReport, t: UiMessages, width: number): StyledLine[] {
  const rows: StyledLine[] = [];
  if (report.machinery !== undefined) {
    rows.push(...wrapSpans([span(t.machinery(report.machinery), { color: 'yellow' })], width));
    return rows;
  }
  const { passed, failed } = runCounts(report);
  const total = passed + failed;
  if (total === 0 && report.compileError === '' && report.loadError === '') {
    rows.push([span(`${t.testsTitle}  `, { bold: true }), span(t.noPublicTests, { dim: true })]);
    return rows;
  }
  rows.push([span(`${t.testsTitle}  `, { bold: true }), span(t.testsSummary(passed, failed), { color: failed === 0 ? 'green' : 'red' })]);
  const broken = report.compileError !== '' ? { head: t.compileError, text: report.compileError } : report.loadError !== '' ? { head: t.loadError, text: report.loadError } : undefined;
  if (broken !== undefined) {
    rows.push([span('✗ ', { color: 'red' }), span(broken.head, { color: 'red', bold: true })]);
    for (const line of broken.text.split('\n')) if (line.trim() !== '') rows.push(...wrapSpans([span(line)], width, [span(INDENT)]));
    if (total > 0) rows.push([span(INDENT), span(t.notRun(total), { dim: true })]);
    return rows;
  }
  const failing = report.tests.filter((r) => r.status !== 'passed' && r.status !== 'skipped' && r.status !== 'todo');
  const others = report.tests.filter((r) => !failing.includes(r));
  for (const test of failing) {
    rows.push(...wrapSpans([...statusMark(test, t), span(test.name, { bold: true })], width, [], [span('  ')]));
    rows.push(...messageLines(test.message, width, t));
    const printed = test.output.trim().split('\n').filter((l) => l.trim() !== '');
    if (printed.length > 0) rows.push(cutLine([span(INDENT), span(t.printed(printed.slice(0, 5).join(' | ')), { dim: true })], width));
  }
  for (const test of others) {
    const mark = statusMark(test, t);
    const label = test.status === 'passed' ? [] : [span(`(${t.skipped}) `, { dim: true })];
    rows.push(cutLine([...mark, ...label, span(test.name)], width));
  }
  return rows;
}

/** The rows for a step's test panel, `width` columns wide. */
export function testResultLines(run: TestRun | undefined, t: UiMessages, width: number): StyledLine[] {
  if (run === undefined) return [[span(`${t.testsTitle}  `, { bold: true }), span(t.testsNotRun, { dim: true })]];
  if (run.state === 'crashed') return wrapSpans([span(t.crashed(run.error), { color: 'yellow' })], width);
  if (run.state === 'done') return reportLines(run.report, t, width);
  const head: StyledLine = [span(`${t.testsTitle}  `, { bold: true }), span(t.testsRunning, { color: 'yellow' })];
  if (run.previous === undefined) return [head];
  // Keep the previous results on screen, dimmed, so the panel does not jump while tests run.
  return [head, ...reportLines(run.previous, t, width).slice(1).map((row) => row.map((s) => ({ ...s, dim: true, color: undefined })))];
}
