/**
 * `pnpm bench`: how fast the machine models run, printed as a table.
 *
 * Measures simulated instructions per second in run-to-completion mode (supervisor with physical
 * addresses, and a user program under base/bounds translation), with the trace on (a timeline
 * recording events and snapshots), and the latency of `seek` on a one-million-step timeline.
 * Each figure is the median of several repetitions; the machine it runs on is noisy, so compare
 * figures from the same run. Not part of the test suite: speed is never asserted in tests.
 */

import { assemble } from './asm/assembler.ts';
import { createMachine, loadProgram, type Machine, setControlRegister, setMode } from './machine.ts';
import { createRng, nextInt } from './rng.ts';
import { machineSimulation, run } from './run.ts';
import { createTimeline } from './timeline.ts';

const LOOP = `
; a busy loop: arithmetic, a load and a store, a compare and a branch
start:  movi r1, 0
        li   r2, 0x7fffffff
        li   r4, counter
loop:   addi r1, r1, 1
        lw   r3, [r4]
        add  r3, r3, r1
        sw   r3, [r4]
        cmp  r1, r2
        jlt  loop
        hlt
        .align 4
counter: .word 0
`;

function supervisorMachine(): Machine {
  const m = createMachine();
  loadProgram(m, assemble(LOOP));
  return m;
}

function userMachine(): Machine {
  const m = createMachine();
  const base = 0x4000;
  loadProgram(m, assemble(LOOP), { offset: base });
  m.cpu.pc -= base; // the program sees its region from address 0
  setControlRegister(m, 'base', base);
  setControlRegister(m, 'bounds', 0x1000);
  setControlRegister(m, 'mmu', 1);
  setMode(m, 'user');
  return m;
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

function instructionsPerSecond(make: () => Machine, steps: number, reps: number): number {
  const rates: number[] = [];
  for (let i = 0; i < reps; i++) {
    const m = make();
    const t0 = performance.now();
    const r = run(m, steps);
    rates.push(r.steps / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

function tracedPerSecond(steps: number, reps: number): number {
  const rates: number[] = [];
  for (let i = 0; i < reps; i++) {
    const timeline = createTimeline(machineSimulation, supervisorMachine());
    const t0 = performance.now();
    const n = timeline.record(steps);
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

function seekLatencies(length: number, seeks: number): number[] {
  const timeline = createTimeline(machineSimulation, supervisorMachine());
  timeline.record(length);
  const rng = createRng(42);
  const times: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const k = nextInt(rng, 0, timeline.length);
    const t0 = performance.now();
    timeline.seek(k);
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y);
}

const M = 1e6;
const rows: [string, string, string][] = [];
const fmt = (v: number, digits = 1) => v.toFixed(digits);

instructionsPerSecond(supervisorMachine, 5 * M, 1); // warm up the JIT
rows.push(['run, supervisor, physical addresses', `${fmt(instructionsPerSecond(supervisorMachine, 40 * M, 5) / M)} M instr/s`, '>= 50']);
rows.push(['run, user program, base/bounds', `${fmt(instructionsPerSecond(userMachine, 40 * M, 5) / M)} M instr/s`, '-']);
rows.push(['trace on (timeline: events + snapshots)', `${fmt(tracedPerSecond(5 * M, 5) / M)} M instr/s`, '>= 5']);
const seeks = seekLatencies(1 * M, 200);
rows.push(['seek on a 1M-step trace, median', `${fmt(median(seeks), 2)} ms`, '< 50']);
rows.push(['seek on a 1M-step trace, max', `${fmt(seeks[seeks.length - 1]!, 2)} ms`, '< 50']);

const widths = [0, 1, 2].map((c) => Math.max(...[['benchmark', 'value', 'target'], ...rows].map((r) => r[c]!.length)));
const line = (r: readonly string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
console.log(`@virtlab/core benchmarks (Node ${process.version})`);
console.log(line(['benchmark', 'value', 'target']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
