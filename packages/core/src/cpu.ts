/**
 * The CPU: fetch, decode and execute one instruction, or take an interrupt, per step.
 *
 * Interface: `execOne(m, out)` advances the machine by one step and appends what happened to
 * `out` (nothing for an ordinary instruction). run.ts wraps it as `step` and `run`.
 *
 * One step, in order:
 *   1. devices whose deadline has come act (timer expiry, transfer completion) and raise IRQs;
 *   2. a halted CPU wakes on a deliverable interrupt, else skips time to the next deadline, else stops;
 *   3. with IF set and an interrupt waiting, the interrupt is taken (CPU timer first, then the lowest IRQ);
 *   4. otherwise the instruction at pc runs: translate pc, fetch, check the encoding, execute.
 *
 * Traps and interrupts (`enter`): in `vector` mode the CPU saves epc, epsw,
 * cause and tval, switches to supervisor mode with IF clear and jumps to tvec; in `exit` mode it
 * only sets pc to where execution should resume (the faulting instruction, or the next one after
 * syscall/hypercall) and the event goes to the host, which decides what happens next.
 *
 * A trap raised by the instruction at `tvec` itself, in supervisor mode, would enter the same
 * handler again at once, forever: that is a double fault, and the machine stops (x86 would shut
 * down on a triple fault). A halted CPU with IF clear can never wake, so the machine stops too.
 *
 * Invariants: registers hold signed 32-bit values; pc, cr[] and addresses are unsigned 32-bit; a
 * trapping instruction changes nothing but what the trap itself saves.
 */

import { isMmio, mmioRead, mmioWrite, portIn, portOut, serviceDevices } from './bus.ts';
import type { MachineEvent } from './events.ts';
import { acknowledgeIrq, highestPendingIrq } from './devices/pic.ts';
import { Access, Cause, CONTROL_REGISTERS, CR, MUST_BE_ZERO, Mode, Op, OPS, PSW, type TrapCause } from './isa.ts';
import { currentMode, type Machine, NEVER, refreshDeadline, refreshInterruptLine } from './machine.ts';
import { ACCESS_NAMES, lastFault, type Translate, translate } from './mmu.ts';
import { SP } from './params.ts';

const CAUSE_NAMES: TrapCause[] = [];
for (const [name, code] of Object.entries(Cause)) CAUSE_NAMES[code] = name as TrapCause;

// For each opcode: the must-be-zero mask, or -1 when the opcode is undefined.
const MBZ = new Int32Array(256).fill(-1);
const PRIVILEGED = new Uint8Array(256);
for (const op of OPS) {
  MBZ[op.opcode] = MUST_BE_ZERO[op.format];
  PRIVILEGED[op.opcode] = op.privileged ? 1 : 0;
}

const FLAGS = PSW.Z | PSW.N | PSW.C | PSW.V;
const USER_POPF_KEEP = PSW.IF | PSW.MODE_MASK;

/** Enters a trap or interrupt; `resume` is where execution continues after it is handled. */
function enter(m: Machine, out: MachineEvent[], event: MachineEvent, code: number, access: number, tval: number, resume: number): void {
  const cpu = m.cpu;
  const name = CAUSE_NAMES[code]!;
  m.counters.traps[name]++;
  out.push(event);
  if (m.trapMode === 'exit') {
    cpu.pc = resume >>> 0;
    return;
  }
  const cr = cpu.cr;
  if (event.type === 'trap' && (cpu.psw & PSW.MODE_MASK) === 0 && event.pc === cr[CR.tvec]) {
    m.stopped = true;
    out.push({ type: 'stop', reason: 'double-fault' });
    return;
  }
  cr[CR.epc] = resume;
  cr[CR.epsw] = cpu.psw;
  cr[CR.cause] = code | (access << 8);
  cr[CR.tval] = tval;
  cpu.psw = cpu.psw & ~(PSW.MODE_MASK | PSW.IF);
  cpu.pc = cr[CR.tvec]!;
}

function trap(m: Machine, out: MachineEvent[], code: number, pc: number, tval: number, access: number, resume: number): void {
  const event: MachineEvent =
    access === 0
      ? { type: 'trap', cause: CAUSE_NAMES[code]!, pc, tval: tval >>> 0, mode: currentMode(m) }
      : { type: 'trap', cause: CAUSE_NAMES[code]!, pc, tval: tval >>> 0, access: ACCESS_NAMES[access] as 'read', mode: currentMode(m) };
  enter(m, out, event, code, access, tval, resume);
}

function memoryFault(m: Machine, out: MachineEvent[], pc: number): void {
  trap(m, out, lastFault.cause, pc, lastFault.address, lastFault.access, pc);
}

function takeInterrupt(m: Machine, out: MachineEvent[]): void {
  const cpu = m.cpu;
  const mode = currentMode(m);
  m.time++;
  if (cpu.timerPending) {
    cpu.timerPending = false;
    refreshInterruptLine(m);
    enter(m, out, { type: 'interrupt', source: 'timer', pc: cpu.pc, mode }, Cause.timer, 0, 0, cpu.pc);
    return;
  }
  const irq = highestPendingIrq(m.pic);
  acknowledgeIrq(m.pic, irq);
  refreshInterruptLine(m);
  enter(m, out, { type: 'interrupt', source: 'irq', irq, pc: cpu.pc, mode }, Cause.interrupt, 0, irq, cpu.pc);
}

function setArith(cpu: Machine['cpu'], r: number, c: boolean, v: boolean): void {
  cpu.psw = (cpu.psw & ~FLAGS) | (r === 0 ? PSW.Z : 0) | (r < 0 ? PSW.N : 0) | (c ? PSW.C : 0) | (v ? PSW.V : 0);
}

/** Sets Z and N from a logic result, clears C and V, and returns the result. */
function logic(cpu: Machine['cpu'], r: number): number {
  cpu.psw = (cpu.psw & ~FLAGS) | (r === 0 ? PSW.Z : 0) | (r < 0 ? PSW.N : 0);
  return r;
}

function addFlags(cpu: Machine['cpu'], x: number, y: number): number {
  const r = (x + y) | 0;
  setArith(cpu, r, (x >>> 0) + (y >>> 0) > 0xffffffff, ((x ^ r) & (y ^ r)) < 0);
  return r;
}

function subFlags(cpu: Machine['cpu'], x: number, y: number): number {
  const r = (x - y) | 0;
  setArith(cpu, r, x >>> 0 < y >>> 0, ((x ^ y) & (x ^ r)) < 0);
  return r;
}

/** Loads a word from virtual address `va`; the value, or undefined after entering a trap. */
function loadWord(m: Machine, out: MachineEvent[], va: number, pc: number, mmu: Translate): number | undefined {
  if ((va & 3) !== 0) {
    trap(m, out, Cause.misaligned, pc, va, Access.read, pc);
    return undefined;
  }
  const pa = mmu(m, va, Access.read);
  if (pa < 0) {
    memoryFault(m, out, pc);
    return undefined;
  }
  if (pa + 4 <= m.memory.length) return m.words[pa >>> 2]!;
  if (isMmio(pa)) {
    const value = mmioRead(m, pa);
    m.counters.mmioRead++;
    out.push({ type: 'mmio', dir: 'read', addr: pa, value, pc });
    return value;
  }
  trap(m, out, Cause.bus, pc, pa, Access.read, pc);
  return undefined;
}

/** Stores a word at virtual address `va`; false after entering a trap. */
function storeWord(m: Machine, out: MachineEvent[], va: number, value: number, pc: number, mmu: Translate): boolean {
  if ((va & 3) !== 0) {
    trap(m, out, Cause.misaligned, pc, va, Access.write, pc);
    return false;
  }
  const pa = mmu(m, va, Access.write);
  if (pa < 0) {
    memoryFault(m, out, pc);
    return false;
  }
  if (pa + 4 <= m.memory.length) {
    m.words[pa >>> 2] = value;
    return true;
  }
  if (isMmio(pa)) {
    m.counters.mmioWrite++;
    out.push({ type: 'mmio', dir: 'write', addr: pa, value: value >>> 0, pc });
    mmioWrite(m, pa, value, out);
    return true;
  }
  trap(m, out, Cause.bus, pc, pa, Access.write, pc);
  return false;
}

function branchTaken(psw: number, op: number): boolean {
  const z = (psw & PSW.Z) !== 0;
  const lt = ((psw & PSW.N) !== 0) !== ((psw & PSW.V) !== 0);
  switch (op) {
    case 0x41: // jz
      return z;
    case 0x42: // jnz
      return !z;
    case 0x43: // jlt
      return lt;
    case 0x44: // jge
      return !lt;
    case 0x45: // jgt
      return !z && !lt;
    case 0x46: // jle
      return z || lt;
    case 0x47: // jb
      return (psw & PSW.C) !== 0;
    default:
      return (psw & PSW.C) === 0; // jae
  }
}

// The rare cases of a step: devices due, halted CPU, interrupts. True when the step is used up.
function attend(m: Machine, out: MachineEvent[]): boolean {
  const cpu = m.cpu;
  if (m.time >= m.deadline) serviceDevices(m, out);
  if (cpu.halted) {
    if ((cpu.psw & PSW.IF) === 0) {
      m.stopped = true;
      out.push({ type: 'stop', reason: 'halted' });
    } else if (m.intr) {
      cpu.halted = false;
      takeInterrupt(m, out);
      refreshInterruptLine(m);
    } else if (m.deadline !== NEVER) {
      const ticks = m.deadline - m.time;
      m.time = m.deadline;
      m.counters.idleTicks += ticks;
      out.push({ type: 'idle', ticks });
    } else {
      m.stopped = true;
      out.push({ type: 'stop', reason: 'halted' });
    }
    return true;
  }
  if (m.intr && (cpu.psw & PSW.IF) !== 0) {
    takeInterrupt(m, out);
    return true;
  }
  return false;
}

/**
 * Advances the machine by one step (see the header), appending what happened to `out`. `mmu`
 * translates every fetch, load and store (default: the machine's own `translate`).
 */
export function execOne(m: Machine, out: MachineEvent[], mmu: Translate = translate): void {
  const cpu = m.cpu;
  m.steps++;
  if (m.time >= m.attention && attend(m, out)) return;

  const pc = cpu.pc;
  m.time++;
  if ((pc & 3) !== 0) {
    trap(m, out, Cause.misaligned, pc, pc, Access.execute, pc);
    return;
  }
  const scheme = cpu.cr[CR.mmu]!;
  const fpa = mmu === translate && (scheme === 0 || (scheme === 1 && (cpu.psw & PSW.MODE_MASK) === 0)) ? pc : mmu(m, pc, Access.execute);
  if (fpa < 0) {
    memoryFault(m, out, pc);
    return;
  }
  if (fpa + 4 > m.memory.length) {
    trap(m, out, Cause.bus, pc, fpa, Access.execute, pc);
    return;
  }
  const w = m.words[fpa >>> 2]!;
  const op = w >>> 24;
  const mbz = MBZ[op]!;
  if (mbz < 0 || (w & mbz) !== 0) {
    trap(m, out, Cause.illegal, pc, w, 0, pc);
    return;
  }
  const a = (w >>> 20) & 15;
  const b = (w >>> 16) & 15;
  if (PRIVILEGED[op] === 1) {
    // A control-register number past the table makes the word no instruction at all.
    if ((op === 0x58 && a >= CONTROL_REGISTERS.length) || (op === 0x59 && b >= CONTROL_REGISTERS.length)) {
      trap(m, out, Cause.illegal, pc, w, 0, pc);
      return;
    }
    if ((cpu.psw & PSW.MODE_MASK) !== 0) {
      trap(m, out, Cause.privileged, pc, w, 0, pc);
      return;
    }
  }
  const regs = cpu.regs;
  const next = (pc + 4) >>> 0;

  switch (op) {
    case 0x01: // nop
      break;
    case 0x10: // add
      regs[a] = addFlags(cpu, regs[b]!, regs[(w >>> 12) & 15]!);
      break;
    case 0x11: // sub
      regs[a] = subFlags(cpu, regs[b]!, regs[(w >>> 12) & 15]!);
      break;
    case 0x12: { // mul
      regs[a] = logic(cpu, Math.imul(regs[b]!, regs[(w >>> 12) & 15]!));
      break;
    }
    case 0x13: // div
    case 0x14: { // mod
      const y = regs[(w >>> 12) & 15]!;
      if (y === 0) {
        trap(m, out, Cause.divide, pc, 0, 0, pc);
        return;
      }
      const x = regs[b]!;
      regs[a] = logic(cpu, op === Op.div ? (x / y) | 0 : (x % y) | 0);
      break;
    }
    case 0x15: // and
      regs[a] = logic(cpu, regs[b]! & regs[(w >>> 12) & 15]!);
      break;
    case 0x16: // or
      regs[a] = logic(cpu, regs[b]! | regs[(w >>> 12) & 15]!);
      break;
    case 0x17: // xor
      regs[a] = logic(cpu, regs[b]! ^ regs[(w >>> 12) & 15]!);
      break;
    case 0x18: // shl
      regs[a] = logic(cpu, regs[b]! << (regs[(w >>> 12) & 15]! & 31));
      break;
    case 0x19: // shr
      regs[a] = logic(cpu, regs[b]! >>> (regs[(w >>> 12) & 15]! & 31));
      break;
    case 0x1a: // sar
      regs[a] = logic(cpu, regs[b]! >> (regs[(w >>> 12) & 15]! & 31));
      break;
    case 0x1b: // mov
      regs[a] = regs[b]!;
      break;
    case 0x1c: // cmp
      subFlags(cpu, regs[a]!, regs[b]!);
      break;
    case 0x1d: // not
      regs[a] = logic(cpu, ~regs[b]!);
      break;
    case 0x20: // addi
      regs[a] = addFlags(cpu, regs[b]!, (w << 16) >> 16);
      break;
    case 0x22: // andi
      regs[a] = logic(cpu, regs[b]! & (w & 0xffff));
      break;
    case 0x23: // ori
      regs[a] = logic(cpu, regs[b]! | (w & 0xffff));
      break;
    case 0x24: // xori
      regs[a] = logic(cpu, regs[b]! ^ (w & 0xffff));
      break;
    case 0x25: // shli
      regs[a] = logic(cpu, regs[b]! << (w & 31));
      break;
    case 0x26: // shri
      regs[a] = logic(cpu, regs[b]! >>> (w & 31));
      break;
    case 0x27: // sari
      regs[a] = logic(cpu, regs[b]! >> (w & 31));
      break;
    case 0x28: // movi
      regs[a] = (w << 16) >> 16;
      break;
    case 0x29: // cmpi
      subFlags(cpu, regs[a]!, (w << 16) >> 16);
      break;
    case 0x2a: // lui
      regs[a] = w << 16;
      break;
    case 0x30: { // lw
      const v = loadWord(m, out, (regs[b]! + ((w << 16) >> 16)) >>> 0, pc, mmu);
      if (v === undefined) return;
      regs[a] = v;
      break;
    }
    case 0x31: // sw
      if (!storeWord(m, out, (regs[b]! + ((w << 16) >> 16)) >>> 0, regs[a]!, pc, mmu)) return;
      break;
    case 0x32: // lb
    case 0x33: { // sb
      const va = (regs[b]! + ((w << 16) >> 16)) >>> 0;
      const pa = mmu(m, va, op === Op.lb ? Access.read : Access.write);
      if (pa < 0) {
        memoryFault(m, out, pc);
        return;
      }
      if (pa >= m.memory.length) {
        trap(m, out, Cause.bus, pc, pa, op === Op.lb ? Access.read : Access.write, pc);
        return;
      }
      if (op === Op.lb) regs[a] = m.memory[pa]!;
      else m.memory[pa] = regs[a]!;
      break;
    }
    case 0x38: { // push
      const sp = (regs[SP]! - 4) >>> 0;
      if (!storeWord(m, out, sp, regs[a]!, pc, mmu)) return;
      regs[SP] = sp;
      break;
    }
    case 0x39: { // pop
      const sp = regs[SP]! >>> 0;
      const v = loadWord(m, out, sp, pc, mmu);
      if (v === undefined) return;
      regs[SP] = sp + 4;
      regs[a] = v;
      break;
    }
    case 0x40: // jmp
      cpu.pc = w & 0x00ffffff;
      m.counters.instructions++;
      return;
    case 0x41: // jz
    case 0x42: // jnz
    case 0x43: // jlt
    case 0x44: // jge
    case 0x45: // jgt
    case 0x46: // jle
    case 0x47: // jb
    case 0x48: // jae
      cpu.pc = branchTaken(cpu.psw, op) ? w & 0x00ffffff : next;
      m.counters.instructions++;
      return;
    case 0x49: // call
    case 0x4b: { // callr
      const sp = (regs[SP]! - 4) >>> 0;
      const target = op === Op.call ? w & 0x00ffffff : regs[a]! >>> 0;
      if (!storeWord(m, out, sp, next, pc, mmu)) return;
      regs[SP] = sp;
      cpu.pc = target;
      m.counters.instructions++;
      return;
    }
    case 0x4a: // jmpr
      cpu.pc = regs[a]! >>> 0;
      m.counters.instructions++;
      return;
    case 0x4c: { // ret
      const sp = regs[SP]! >>> 0;
      const v = loadWord(m, out, sp, pc, mmu);
      if (v === undefined) return;
      regs[SP] = sp + 4;
      cpu.pc = v >>> 0;
      m.counters.instructions++;
      return;
    }
    case 0x50: // syscall
      m.counters.instructions++;
      trap(m, out, Cause.syscall, pc, w & 0xffff, 0, next);
      return;
    case 0x51: // hypercall
      m.counters.instructions++;
      trap(m, out, Cause.hypercall, pc, w & 0xffff, 0, next);
      return;
    case 0x52: { // iret
      const epsw = cpu.cr[CR.epsw]!;
      if ((epsw & PSW.MODE_MASK) === PSW.MODE_MASK) {
        // Mode field 3 names no mode: refuse it rather than run in a mode nobody defined.
        trap(m, out, Cause.illegal, pc, epsw, 0, pc);
        return;
      }
      cpu.pc = cpu.cr[CR.epc]!;
      cpu.psw = epsw & (FLAGS | PSW.IF | PSW.MODE_MASK);
      m.counters.instructions++;
      return;
    }
    case 0x53: // hlt
      cpu.halted = true;
      m.attention = 0;
      m.counters.halts++;
      out.push({ type: 'halt', pc });
      break;
    case 0x54: // cli
      cpu.psw &= ~PSW.IF;
      break;
    case 0x55: // sti
      cpu.psw |= PSW.IF;
      break;
    case 0x56: { // in
      const port = w & 0xffff;
      const value = portIn(m, port);
      regs[a] = value;
      m.counters.ioIn++;
      out.push({ type: 'io', dir: 'in', port, value: value >>> 0, pc });
      break;
    }
    case 0x57: { // out
      const port = w & 0xffff;
      const value = regs[a]!;
      m.counters.ioOut++;
      out.push({ type: 'io', dir: 'out', port, value: value >>> 0, pc });
      portOut(m, port, value, out);
      break;
    }
    case 0x58: { // mtcr
      const v = regs[b]! >>> 0;
      if (a === CR.timer) {
        // Writing the timer also takes back an expiry not yet delivered.
        cpu.timerAt = v === 0 ? 0 : m.time + v;
        cpu.timerPending = false;
        refreshDeadline(m);
        refreshInterruptLine(m);
      } else cpu.cr[a] = v;
      break;
    }
    case 0x59: // mfcr
      regs[a] = b === CR.timer ? (cpu.timerAt === 0 ? 0 : Math.max(0, cpu.timerAt - m.time)) : cpu.cr[b]!;
      break;
    case 0x5b: { // pushf
      const sp = (regs[SP]! - 4) >>> 0;
      if (!storeWord(m, out, sp, cpu.psw, pc, mmu)) return;
      regs[SP] = sp;
      break;
    }
    case 0x5c: { // popf
      const sp = regs[SP]! >>> 0;
      const v = loadWord(m, out, sp, pc, mmu);
      if (v === undefined) return;
      regs[SP] = sp + 4;
      // The hole: in user mode the IF bit of the popped value is dropped without a trap.
      const keep = (cpu.psw & PSW.MODE_MASK) !== 0 ? USER_POPF_KEEP : PSW.MODE_MASK;
      cpu.psw = (cpu.psw & keep) | (v & (FLAGS | PSW.IF) & ~keep);
      break;
    }
    case 0x5d: // smsw
      regs[a] = ((cpu.psw & PSW.MODE_MASK) >>> PSW.MODE_SHIFT) | (cpu.cr[CR.mmu]! << 2);
      break;
    default:
      // vmenter and any opcode with a table row but no behaviour yet.
      trap(m, out, Cause.illegal, pc, w, 0, pc);
      return;
  }
  cpu.pc = next;
  m.counters.instructions++;
}

/** The mode value of user mode in the psw, for hosts that build a psw by hand. */
export const USER_PSW = Mode.user << PSW.MODE_SHIFT;
