/**
 * Step 2 — peripherals. A disk transfer takes hundreds of ticks. Strachey's point was that the
 * CPU need not wait for it: the Director starts the transfer, lets another program run, and when
 * the disk's completion interrupt arrives, makes the waiting program ready again.
 *
 * As given, a program that reads the disk keeps the CPU and the CPU just waits (correct, but slow).
 */

import { programDisk, waitForDisk } from './director.ts';
import type { Director, DiskRequest } from './types.ts';

/** A program asked to read a sector (its state is 'running'): start the transfer, or queue it if the disk is busy. */
export function startTransfer(d: Director, request: DiskRequest): void {
  const pcb = d.programs[request.program]!;
  // TODO(peripherals): instead of waiting here, mark the program 'blocked', remember the request
  // in d.disk (or queue it in d.diskQueue if the disk is busy) and return: the Director will run
  // another program. The disk writes to physical memory: pcb.base + request.address.
  programDisk(d.machine, request.sector, pcb.base + request.address);
  waitForDisk(d); // the CPU does nothing until the disk is done
}

/** The disk's completion interrupt: the transfer in d.disk is done. */
export function transferDone(d: Director): void {
  // TODO(peripherals): make the program that waited for d.disk ready again (scheduler's
  // makeReady), free the disk, and start the next queued request if there is one.
  void d;
}
