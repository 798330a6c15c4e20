/**
 * Seeded random guest programs, for property tests of the machine and of labs built on it.
 *
 * `randomMachine(seed)` builds a machine in `vector` trap mode whose memory holds random
 * instructions of every kind (faulting ones included) and a trap handler that skips the
 * instruction that trapped, with the interval timer interrupting now and then. Whatever the
 * seed, it runs forever without stopping, and the same seed always gives the same machine.
 */

import { assemble } from '../asm/assembler.ts';
import { encode, FIELDS, immediateRange, OPS } from '../isa.ts';
import { createMachine, loadProgram, type Machine, writeWord } from '../machine.ts';
import { createRng, nextInt, pick, type RngState } from '../rng.ts';

const HANDLER_AT = 0x8000;
const HANDLER = `
        .org ${HANDLER_AT}
handler: mtcr scratch, r1
        mfcr r1, cause
        cmpi r1, 11          ; interrupts (timer 10, irq 11) resume where they were
        jge  back
        cmpi r1, 10
        jz   back
        mfcr r1, epc         ; faults and privileged instructions: skip the instruction
        addi r1, r1, 4
        andi r1, r1, 0x3ffc  ; stay inside the random code
        mtcr epc, r1
back:   mfcr r1, scratch
        iret
`;

/** A random instruction word: any row of the table, fields in range. */
export function randomInstruction(rng: RngState): number {
  const op = pick(rng, OPS);
  const range = immediateRange(op.format);
  let imm = range === undefined ? 0 : nextInt(rng, range[0], range[1]);
  if (op.format === 'j') imm = nextInt(rng, 0, 0x3ffc / 4) * 4; // jump inside the code
  if (op.format === 'mem') imm = nextInt(rng, -64, 64) * 4;
  const uses = FIELDS[op.format];
  const a = !uses.includes('a') ? 0 : op.format === 'mtcr' ? nextInt(rng, 0, 10) : nextInt(rng, 0, 15);
  const b = !uses.includes('b') ? 0 : op.format === 'mfcr' ? nextInt(rng, 0, 10) : nextInt(rng, 0, 15);
  const c = uses.includes('c') ? nextInt(rng, 0, 15) : 0;
  return encode(op, { a, b, c, imm });
}

/** A machine full of random code (see the header), started in supervisor mode at address 0. */
export function randomMachine(seed: number, instructions = 512): Machine {
  const rng = createRng(seed);
  const m = createMachine();
  for (let i = 0; i < instructions; i++) writeWord(m, i * 4, randomInstruction(rng));
  loadProgram(m, assemble(HANDLER), { setPc: false });
  m.cpu.cr[0] = HANDLER_AT; // tvec
  m.cpu.regs[15] = 0xc000; // sp
  return m;
}
