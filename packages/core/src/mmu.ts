/**
 * Address translation: from the address a program uses (virtual) to the one memory sees (physical).
 *
 * The `mmu` control register picks the scheme:
 *
 *   0 none         physical = virtual (no protection at all: a program can overwrite anything)
 *   1 base/bounds  virtual < bounds ? physical = base + virtual : protection fault
 *   2 paged        two-level page table at ptbr, 4 KiB pages:
 *
 *        virtual:  | dir (10 bits) | table (10 bits) | offset (12 bits) |
 *        ptbr ──> directory[dir] ──> table[table] = frame | U X W R P ──> frame + offset
 *
 * Supervisor mode uses physical addresses in modes 0 and 1 (the supervisor's store is out of the
 * programs' reach, not the other way round) and the page table in mode 2, where its pages need
 * no U bit. Entries need P; reads need R, writes W, fetches X; user accesses need U.
 *
 * Interface: `translate(m, va, access)` returns the physical address, or -1 after recording the
 * fault in `lastFault` (read it at once; the next call overwrites it). No TLB: every access walks,
 * so changing a page table takes effect at once.
 */

import { Access, Cause, CR, PSW, PTE, Translation } from './isa.ts';
import type { Machine } from './machine.ts';

/** The fault found by the last failed `translate`: cause code, access kind and faulting address. */
export const lastFault = { cause: 0, access: 0, address: 0 };

/**
 * A translation function: the physical address for `va`, or -1 after `translationFault`.
 * `translate` below is the machine's own; a lab can run the CPU with another one (a Director's
 * software-checked regions, a shadow page table) by passing it to `run`/`step`/`execOne`.
 */
export type Translate = (m: Machine, va: number, access: number) => number;

/** Records a fault for the CPU to raise (cause from `Cause`, access from `Access`) and returns -1: what a Translate returns on a fault. */
export function translationFault(cause: number, access: number, address: number): number {
  return fault(cause, access, address);
}

function fault(cause: number, access: number, address: number): number {
  lastFault.cause = cause;
  lastFault.access = access;
  lastFault.address = address >>> 0;
  return -1;
}

const NEED = [0, PTE.R, PTE.W, PTE.X];

/** Walks the two-level page table; the physical address, or -1 with `lastFault` set. */
export function walkPageTable(m: Machine, va: number, access: number, user: boolean): number {
  const words = m.words;
  const limit = m.memory.length;
  const dirAddr = ((m.cpu.cr[CR.ptbr]! & ~0xfff) >>> 0) + ((va >>> 22) << 2);
  if (dirAddr + 4 > limit) return fault(Cause.bus, access, dirAddr);
  const pde = words[dirAddr >>> 2]!;
  if ((pde & PTE.P) === 0) return fault(Cause['page-fault'], access, va);
  const tableAddr = ((pde & ~0xfff) >>> 0) + (((va >>> 12) & 0x3ff) << 2);
  if (tableAddr + 4 > limit) return fault(Cause.bus, access, tableAddr);
  const pte = words[tableAddr >>> 2]!;
  const need = NEED[access]! | PTE.P | (user ? PTE.U : 0);
  if ((pte & need) !== need) return fault(Cause['page-fault'], access, va);
  return ((pte & ~0xfff) | (va & 0xfff)) >>> 0;
}

/** The physical address for virtual address `va` and an access kind (Access.read/write/execute), or -1 with `lastFault` set. */
export function translate(m: Machine, va: number, access: number): number {
  const cpu = m.cpu;
  const scheme = cpu.cr[CR.mmu]!;
  const user = (cpu.psw & PSW.MODE_MASK) !== 0;
  if (scheme === Translation.paged) return walkPageTable(m, va >>> 0, access, user);
  if (!user || scheme === Translation.none) return va >>> 0;
  if (scheme === Translation.baseBounds) {
    const v = va >>> 0;
    if (v >= cpu.cr[CR.bounds]!) return fault(Cause.protection, access, v);
    return (cpu.cr[CR.base]! + v) >>> 0;
  }
  return fault(Cause.protection, access, va);
}

/** Access kinds by code, for events. */
export const ACCESS_NAMES = ['', 'read', 'write', 'execute'] as const;

export { Access };
