/**
 * The block device: a disk of SECTOR_BYTES sectors that moves data to and from physical memory by
 * DMA, takes virtual time to do it, and raises IRQ_BLOCK when it is done.
 *
 * Registers, memory-mapped at MMIO_BLOCK_BASE (word offsets):
 *
 *   +0x00 SECTOR  first sector          +0x0c CMD     write 1 = read disk→memory, 2 = write memory→disk
 *   +0x04 ADDR    physical address      +0x10 STATUS  0 idle, 1 busy, 2 done, 3 error (write to clear)
 *   +0x08 COUNT   number of sectors
 *
 * The command latches SECTOR, ADDR and COUNT: changing them during a transfer affects only the next
 * one. A CMD write while busy is ignored (STATUS stays busy, the running transfer goes on); a CMD
 * value other than 1 or 2 while idle sets STATUS to error. Writing STATUS (any value) clears it to
 * idle unless busy. The data moves at completion time, BLOCK_SEEK_TICKS + COUNT × BLOCK_SECTOR_TICKS
 * after the command: until then memory holds the old bytes, which is what a program that does not
 * wait sees.
 */

import { BLOCK_SECTOR_TICKS, BLOCK_SEEK_TICKS, SECTOR_BYTES } from '../params.ts';

/** Block-device status codes (the STATUS register). */
export const BlockStatus = { idle: 0, busy: 1, done: 2, error: 3 } as const;

/** Offsets of the block device's registers from MMIO_BLOCK_BASE. */
export const BlockReg = { sector: 0x00, addr: 0x04, count: 0x08, cmd: 0x0c, status: 0x10 } as const;

/** The device's registers and its disk. */
export interface BlockState {
  /** The disk's contents; its length is a multiple of SECTOR_BYTES. */
  disk: Uint8Array;
  /** SECTOR register. */
  sector: number;
  /** ADDR register (physical). */
  addr: number;
  /** COUNT register. */
  count: number;
  /** The command being carried out: 0 none, 1 read, 2 write. */
  op: number;
  /** STATUS register. */
  status: number;
  /** Virtual time at which the running transfer completes. */
  completeAt: number;
  /** The running transfer's first sector, latched from SECTOR by the command. */
  jobSector: number;
  /** The running transfer's physical address, latched from ADDR. */
  jobAddr: number;
  /** The running transfer's sector count, latched from COUNT. */
  jobCount: number;
  /** Number of transfers completed. */
  transfers: number;
}

/** A block device with `sectors` zeroed sectors. */
export function createBlock(sectors: number): BlockState {
  return { disk: new Uint8Array(sectors * SECTOR_BYTES), sector: 0, addr: 0, count: 0, op: 0, status: 0, completeAt: 0, jobSector: 0, jobAddr: 0, jobCount: 0, transfers: 0 };
}

/** Reads a register. */
export function blockRead(block: BlockState, offset: number): number {
  switch (offset) {
    case BlockReg.sector:
      return block.sector;
    case BlockReg.addr:
      return block.addr;
    case BlockReg.count:
      return block.count;
    case BlockReg.cmd:
      return block.op;
    case BlockReg.status:
      return block.status;
    default:
      return 0;
  }
}

/** Writes a register at virtual time `now`; returns true when a transfer started. */
export function blockWrite(block: BlockState, offset: number, value: number, now: number): boolean {
  switch (offset) {
    case BlockReg.sector:
      block.sector = value >>> 0;
      return false;
    case BlockReg.addr:
      block.addr = value >>> 0;
      return false;
    case BlockReg.count:
      block.count = value >>> 0;
      return false;
    case BlockReg.status:
      if (block.status !== BlockStatus.busy) block.status = BlockStatus.idle;
      return false;
    case BlockReg.cmd:
      if (block.status === BlockStatus.busy || (value !== 1 && value !== 2)) {
        if (block.status !== BlockStatus.busy) block.status = BlockStatus.error;
        return false;
      }
      block.op = value;
      block.jobSector = block.sector;
      block.jobAddr = block.addr;
      block.jobCount = block.count;
      block.status = BlockStatus.busy;
      block.completeAt = now + BLOCK_SEEK_TICKS + block.count * BLOCK_SECTOR_TICKS;
      return true;
    default:
      return false;
  }
}

/**
 * Completes the running transfer when its time has come: moves the bytes between the disk and
 * `memory` and sets STATUS. Returns true when a transfer completed (the caller raises the IRQ).
 */
export function blockService(block: BlockState, memory: Uint8Array, now: number): boolean {
  if (block.status !== BlockStatus.busy || now < block.completeAt) return false;
  const bytes = block.jobCount * SECTOR_BYTES;
  const diskAt = block.jobSector * SECTOR_BYTES;
  const addr = block.jobAddr;
  const ok = block.jobCount > 0 && diskAt + bytes <= block.disk.length && addr + bytes <= memory.length;
  if (ok && block.op === 1) memory.set(block.disk.subarray(diskAt, diskAt + bytes), addr);
  if (ok && block.op === 2) block.disk.set(memory.subarray(addr, addr + bytes), diskAt);
  block.status = ok ? BlockStatus.done : BlockStatus.error;
  block.op = 0;
  block.transfers++;
  return true;
}
