/**
 * Step 2 — peripherals (reference solution).
 */

import { programDisk } from './director.ts';
import { makeReady } from './scheduler.ts';
import type { Director, DiskRequest } from './types.ts';

function start(d: Director, request: DiskRequest): void {
  const pcb = d.programs[request.program]!;
  d.disk = request;
  programDisk(d.machine, request.sector, pcb.base + request.address);
}

/** A program asked to read a sector (its state is 'running'): start the transfer, or queue it if the disk is busy. */
export function startTransfer(d: Director, request: DiskRequest): void {
  d.programs[request.program]!.state = 'blocked';
  if (d.disk === undefined) start(d, request);
  else d.diskQueue.push(request);
}

/** The disk's completion interrupt: the transfer in d.disk is done. */
export function transferDone(d: Director): void {
  const done = d.disk;
  if (done === undefined) return;
  d.disk = undefined;
  makeReady(d, d.programs[done.program]!);
  const next = d.diskQueue.shift();
  if (next !== undefined) start(d, next);
}
