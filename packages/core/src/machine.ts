/**
 * A machine: one CPU, physical memory, and the devices on its buses, as one plain state object.
 *
 *   +-----------+   fetch/load/store    +-----------------+
 *   |    CPU    | ---- MMU (mmu.ts) --> | physical memory |  bytes 0 .. memoryBytes-1
 *   | regs, pc, |                       +-----------------+
 *   | psw, cr[] | --- MMIO window ----> block device (MMIO_BLOCK_BASE)
 *   |           | --- port I/O -------> PIC 0x20/0x21, PIT 0x40/0x43, serial 0x3f8/0x3fd
 *   +-----------+ <-- interrupts ------ PIC lines, CPU timer
 *
 * Interface: `createMachine(config)`, `loadProgram(m, program)` (or `writeBytes`), then `step(m)`
 * or `run(m, limit)` from run.ts; `cloneMachine` and `machineToJSON`/`machineFromJSON` for
 * snapshots. Invariants: everything the machine will do is determined by this state (no clock, no
 * Math.random); `words` is a view of the same buffer as `memory`; `deadline` is the earliest time a
 * device or the CPU timer needs attention (NEVER when none does); `intr` is true exactly when an
 * interrupt is waiting for IF; `attention` is 0 while halted or `intr`, else `deadline` (see
 * `refreshMachine`, which a host calls after changing these by hand).
 */

import { MachineConfigError, MemoryAccessError } from './errors.ts';
import { CONTROL_REGISTERS, Cause, CR, Mode, type ModeName, PSW, type TrapCause } from './isa.ts';
import { DEFAULT_DISK_SECTORS, DEFAULT_MEMORY_BYTES, MAX_MEMORY_BYTES, REGISTER_COUNT, SECTOR_BYTES } from './params.ts';
import type { Program } from './asm/program.ts';
import { type BlockState, createBlock } from './devices/block.ts';
import { createPic, highestPendingIrq, type PicState } from './devices/pic.ts';
import { createPit, type PitState } from './devices/pit.ts';
import { createSerial, type SerialState } from './devices/serial.ts';

/** A time that never comes: the deadline when nothing is scheduled. */
export const NEVER = Number.MAX_SAFE_INTEGER;

/** What happens on a trap or interrupt. */
export type TrapMode =
  /** The CPU enters the simulated supervisor at `tvec`, saving epc/epsw/cause/tval (a guest OS handles it). */
  | 'vector'
  /** `run` stops and hands the event to the host program (a supervisor written in TypeScript, a VMM). */
  | 'exit';

/** The CPU's registers. */
export interface CpuState {
  /** General registers r0..r15 (r15 = sp), as signed 32-bit values. */
  regs: Int32Array;
  /** Address of the next instruction, in bytes. */
  pc: number;
  /** Program status word: flags Z N C V, IF, and the mode (see PSW). */
  psw: number;
  /** Control registers by index (see CONTROL_REGISTERS); `timer` is kept in `timerAt` instead. */
  cr: Uint32Array;
  /** Virtual time at which the CPU timer fires; 0 when it is off. */
  timerAt: number;
  /** The CPU timer has fired and its interrupt has not been taken yet. */
  timerPending: boolean;
  /** Executed `hlt` and waits for an interrupt. */
  halted: boolean;
}

/** Counts of what the machine did, for tests and viewers. */
export interface Counters {
  /** Instructions that completed. */
  instructions: number;
  /** Traps taken, by cause (interrupts included under `timer` and `interrupt`). */
  traps: Record<TrapCause, number>;
  /** Port reads. */
  ioIn: number;
  /** Port writes. */
  ioOut: number;
  /** MMIO loads. */
  mmioRead: number;
  /** MMIO stores. */
  mmioWrite: number;
  /** Ticks spent halted with time skipped forward. */
  idleTicks: number;
  /** Times `hlt` ran. */
  halts: number;
}

/** The whole machine. */
export interface Machine {
  /** The processor. */
  cpu: CpuState;
  /** Physical memory, bytes. */
  memory: Uint8Array;
  /** The same memory as little-endian words (index = address / 4). */
  words: Int32Array;
  /** Virtual time, in ticks: one per instruction or interrupt entry, plus skipped idle time. */
  time: number;
  /** Number of steps taken. */
  steps: number;
  /** What traps do: enter the simulated supervisor, or exit to the host. */
  trapMode: TrapMode;
  /** The interrupt controller. */
  pic: PicState;
  /** The interval timer. */
  pit: PitState;
  /** The serial console. */
  serial: SerialState;
  /** The block device. */
  block: BlockState;
  /** Earliest virtual time at which a device or the CPU timer needs service (NEVER: none). */
  deadline: number;
  /** Time from which a step must take the slow path: `deadline`, or 0 while halted or an interrupt waits. */
  attention: number;
  /** An interrupt is waiting (a PIC line unmasked and pending, or the CPU timer fired). */
  intr: boolean;
  /** The last step found the machine halted with nothing that could ever wake it. */
  stopped: boolean;
  /** Running totals. */
  counters: Counters;
}

/** Options for `createMachine`; every field has a default. */
export interface MachineConfig {
  /** Physical memory size in bytes: a multiple of 4096 up to MAX_MEMORY_BYTES (default DEFAULT_MEMORY_BYTES). */
  memoryBytes?: number;
  /** Sectors on the block device (default DEFAULT_DISK_SECTORS). */
  diskSectors?: number;
  /** Trap handling (default `vector`). */
  trapMode?: TrapMode;
  /** Mode the CPU starts in (default supervisor). */
  mode?: ModeName;
}

function zeroTraps(): Record<TrapCause, number> {
  return Object.fromEntries(Object.keys(Cause).map((k) => [k, 0])) as Record<TrapCause, number>;
}

/** A new machine: memory zeroed, pc 0, supervisor mode (unless configured), interrupts disabled. */
export function createMachine(config: MachineConfig = {}): Machine {
  const memoryBytes = config.memoryBytes ?? DEFAULT_MEMORY_BYTES;
  if (!Number.isInteger(memoryBytes) || memoryBytes <= 0 || memoryBytes % 4096 !== 0 || memoryBytes > MAX_MEMORY_BYTES) {
    throw new MachineConfigError(
      `memoryBytes: ${memoryBytes} is not a multiple of 4096 between 4096 and ${MAX_MEMORY_BYTES}; use e.g. 65536`,
    );
  }
  const diskSectors = config.diskSectors ?? DEFAULT_DISK_SECTORS;
  if (!Number.isInteger(diskSectors) || diskSectors < 0 || diskSectors > 65536) {
    throw new MachineConfigError(`diskSectors: ${diskSectors} is not a whole number in 0..65536; use e.g. ${DEFAULT_DISK_SECTORS}`);
  }
  const trapMode = config.trapMode ?? 'vector';
  if (trapMode !== 'vector' && trapMode !== 'exit') {
    throw new MachineConfigError(`trapMode: "${String(trapMode)}" is neither "vector" nor "exit"`);
  }
  const mode = config.mode ?? 'supervisor';
  if (!(mode in Mode)) throw new MachineConfigError(`mode: "${String(mode)}" is not one of ${Object.keys(Mode).join(', ')}`);
  const buffer = new ArrayBuffer(memoryBytes);
  return {
    cpu: {
      regs: new Int32Array(REGISTER_COUNT),
      pc: 0,
      psw: Mode[mode] << PSW.MODE_SHIFT,
      cr: new Uint32Array(CONTROL_REGISTERS.length),
      timerAt: 0,
      timerPending: false,
      halted: false,
    },
    memory: new Uint8Array(buffer),
    words: new Int32Array(buffer),
    time: 0,
    steps: 0,
    trapMode,
    pic: createPic(),
    pit: createPit(),
    serial: createSerial(),
    block: createBlock(diskSectors),
    deadline: NEVER,
    attention: NEVER,
    intr: false,
    stopped: false,
    counters: {
      instructions: 0,
      traps: zeroTraps(),
      ioIn: 0,
      ioOut: 0,
      mmioRead: 0,
      mmioWrite: 0,
      idleTicks: 0,
      halts: 0,
    },
  };
}

/** Recomputes `deadline` from the devices and the CPU timer; call after changing any of them. */
export function refreshDeadline(m: Machine): void {
  let d = NEVER;
  if (m.pit.enabled && m.pit.expireAt < d) d = m.pit.expireAt;
  if (m.block.status === 1 && m.block.completeAt < d) d = m.block.completeAt;
  if (m.cpu.timerAt !== 0 && m.cpu.timerAt < d) d = m.cpu.timerAt;
  m.deadline = d;
  m.attention = m.intr || m.cpu.halted ? 0 : d;
}

/** Recomputes `intr`; call after changing the PIC or the CPU timer's pending flag. */
export function refreshInterruptLine(m: Machine): void {
  m.intr = m.cpu.timerPending || highestPendingIrq(m.pic) >= 0;
  m.attention = m.intr || m.cpu.halted ? 0 : m.deadline;
}

/** Recomputes every derived field; call after changing a machine's state by hand (halted, PIC, timers). */
export function refreshMachine(m: Machine): void {
  refreshDeadline(m);
  refreshInterruptLine(m);
}

function checkRange(m: Machine, address: number, length: number, what: string): void {
  if (!Number.isInteger(address) || address < 0 || address + length > m.memory.length) {
    throw new MemoryAccessError(
      `${what}: address 0x${Math.max(0, address).toString(16)} (+${length} bytes) is outside physical memory 0x0..0x${(m.memory.length - 1).toString(16)}`,
      address,
    );
  }
}

/** Copies bytes into physical memory at `address` (the host's view: no translation). */
export function writeBytes(m: Machine, address: number, bytes: Uint8Array): void {
  checkRange(m, address, bytes.length, 'writeBytes');
  m.memory.set(bytes, address);
}

/** A copy of `length` bytes of physical memory at `address`. */
export function readBytes(m: Machine, address: number, length: number): Uint8Array {
  checkRange(m, address, length, 'readBytes');
  return m.memory.slice(address, address + length);
}

/** The word at a physical address (host view); the address must be a multiple of 4 inside memory. */
export function readWord(m: Machine, address: number): number {
  checkRange(m, address, 4, 'readWord');
  if (address % 4 !== 0) throw new MemoryAccessError(`readWord: address 0x${address.toString(16)} is not a multiple of 4`, address);
  return m.words[address >>> 2] as number;
}

/** Stores a word at a physical address (host view); the address must be a multiple of 4 inside memory. */
export function writeWord(m: Machine, address: number, value: number): void {
  checkRange(m, address, 4, 'writeWord');
  if (address % 4 !== 0) throw new MemoryAccessError(`writeWord: address 0x${address.toString(16)} is not a multiple of 4`, address);
  m.words[address >>> 2] = value | 0;
}

/** Loads an assembled program at its origin (plus `offset`, for relocated copies) and, unless `setPc` is false, sets pc to its entry. */
export function loadProgram(m: Machine, program: Program, options: { offset?: number; setPc?: boolean } = {}): void {
  const offset = options.offset ?? 0;
  writeBytes(m, program.origin + offset, program.bytes);
  if (options.setPc !== false) m.cpu.pc = program.entry + offset;
}

/** The disk's sectors as bytes (a live view: writing to it changes the disk). */
export function diskBytes(m: Machine): Uint8Array {
  return m.block.disk;
}

/** The mode the CPU is in. */
export function currentMode(m: Machine): ModeName {
  const v = (m.cpu.psw & PSW.MODE_MASK) >>> PSW.MODE_SHIFT;
  return v === Mode.user ? 'user' : v === Mode.guest ? 'guest' : 'supervisor';
}

/** Sets the CPU's mode bits in the psw (a host operation: a supervisor written in TypeScript uses it to start a program). */
export function setMode(m: Machine, mode: ModeName): void {
  m.cpu.psw = (m.cpu.psw & ~PSW.MODE_MASK) | (Mode[mode] << PSW.MODE_SHIFT);
}

/** Reads a control register by name (the host's view; `timer` gives the ticks left). */
export function getControlRegister(m: Machine, name: keyof typeof CR): number {
  if (name === 'timer') return m.cpu.timerAt === 0 ? 0 : Math.max(0, m.cpu.timerAt - m.time);
  return m.cpu.cr[CR[name]] as number;
}

/** Writes a control register by name (the host's view; `timer` arms the CPU timer `value` ticks from now, 0 turns it off). */
export function setControlRegister(m: Machine, name: keyof typeof CR, value: number): void {
  if (name === 'timer') {
    m.cpu.timerAt = value === 0 ? 0 : m.time + (value >>> 0);
    m.cpu.timerPending = false;
    refreshMachine(m);
    return;
  }
  m.cpu.cr[CR[name]] = value >>> 0;
}

/** A deep copy that shares nothing with the original. */
export function cloneMachine(m: Machine): Machine {
  const buffer = m.memory.buffer.slice(0);
  return {
    cpu: { ...m.cpu, regs: m.cpu.regs.slice(), cr: m.cpu.cr.slice() },
    memory: new Uint8Array(buffer),
    words: new Int32Array(buffer),
    time: m.time,
    steps: m.steps,
    trapMode: m.trapMode,
    pic: { ...m.pic },
    pit: { ...m.pit },
    serial: { ...m.serial },
    block: { ...m.block, disk: m.block.disk.slice() },
    deadline: m.deadline,
    attention: m.attention,
    intr: m.intr,
    stopped: m.stopped,
    counters: { ...m.counters, traps: { ...m.counters.traps } },
  };
}

/** A machine as JSON-safe plain data (memory and disk as base64), for saving and for byte-exact comparison. */
export interface MachineJSON {
  /** Format version. */
  v: 1;
  /** The CPU, with arrays instead of typed arrays. */
  cpu: Omit<CpuState, 'regs' | 'cr'> & { regs: number[]; cr: number[] };
  /** Physical memory, base64. */
  memory: string;
  /** The disk, base64. */
  disk: string;
  /** Everything else, as in Machine. */
  rest: Omit<Machine, 'cpu' | 'memory' | 'words' | 'block'> & { block: Omit<BlockState, 'disk'> };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Uint8Array(128); // '=' and anything else decode as 0
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk +=
      B64[(n >>> 18) & 63]! +
      B64[(n >>> 12) & 63]! +
      (i + 1 < bytes.length ? B64[(n >>> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? B64[n & 63]! : '=');
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

function fromBase64(text: string, into: Uint8Array): void {
  let o = 0;
  for (let i = 0; i + 3 < text.length; i += 4) {
    const n =
      (B64_INDEX[text.charCodeAt(i)]! << 18) |
      (B64_INDEX[text.charCodeAt(i + 1)]! << 12) |
      (B64_INDEX[text.charCodeAt(i + 2)]! << 6) |
      B64_INDEX[text.charCodeAt(i + 3)]!;
    if (o < into.length) into[o++] = (n >>> 16) & 255;
    if (text[i + 2] !== '=' && o < into.length) into[o++] = (n >>> 8) & 255;
    if (text[i + 3] !== '=' && o < into.length) into[o++] = n & 255;
  }
}

/** Plain JSON-safe data for a machine; `machineFromJSON` restores it exactly. */
export function machineToJSON(m: Machine): MachineJSON {
  const { cpu, memory, words: _words, block, ...rest } = m;
  const { disk, ...blockRegs } = block;
  return {
    v: 1,
    cpu: { ...cpu, regs: Array.from(cpu.regs), cr: Array.from(cpu.cr) },
    memory: toBase64(memory),
    disk: toBase64(disk),
    rest: { ...rest, pic: { ...rest.pic }, pit: { ...rest.pit }, serial: { ...rest.serial }, counters: { ...rest.counters, traps: { ...rest.counters.traps } }, block: blockRegs },
  };
}

/** The machine that `machineToJSON` described. */
export function machineFromJSON(json: MachineJSON): Machine {
  if (json.v !== 1) throw new MachineConfigError(`machine JSON version ${String(json.v)} is not supported; expected 1`);
  const memoryBytes = Math.floor((json.memory.length / 4) * 3) - (json.memory.endsWith('==') ? 2 : json.memory.endsWith('=') ? 1 : 0);
  const diskBytesLen = Math.floor((json.disk.length / 4) * 3) - (json.disk.endsWith('==') ? 2 : json.disk.endsWith('=') ? 1 : 0);
  const buffer = new ArrayBuffer(memoryBytes);
  const memory = new Uint8Array(buffer);
  fromBase64(json.memory, memory);
  const disk = new Uint8Array(diskBytesLen);
  fromBase64(json.disk, disk);
  const { block, ...rest } = json.rest;
  return {
    ...rest,
    pic: { ...rest.pic },
    pit: { ...rest.pit },
    serial: { ...rest.serial },
    counters: { ...rest.counters, traps: { ...rest.counters.traps } },
    cpu: { ...json.cpu, regs: Int32Array.from(json.cpu.regs), cr: Uint32Array.from(json.cpu.cr) },
    memory,
    words: new Int32Array(buffer),
    block: { ...block, disk },
  };
}

/** Number of sectors on the machine's disk. */
export function diskSectors(m: Machine): number {
  return m.block.disk.length / SECTOR_BYTES;
}
