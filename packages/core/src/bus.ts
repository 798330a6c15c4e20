/**
 * The buses: which device answers a port number or an MMIO address, and servicing devices whose
 * deadline has come.
 *
 * Interface: `portIn`/`portOut` for `in`/`out`; `isMmio`, `mmioRead`/`mmioWrite` for loads and
 * stores outside RAM; `serviceDevices` when `m.time >= m.deadline`. An unmapped port reads as
 * 0xffffffff (a floating bus) and ignores writes; both still count and show as `io` events.
 */

import type { MachineEvent } from './events.ts';
import { blockRead, blockService, blockWrite } from './devices/block.ts';
import { acknowledgeIrq, raiseIrq } from './devices/pic.ts';
import { pitCount, pitService, pitWriteControl } from './devices/pit.ts';
import { serialRead, serialStatus, serialWrite } from './devices/serial.ts';
import { type Machine, refreshDeadline, refreshInterruptLine } from './machine.ts';
import {
  IRQ_BLOCK,
  IRQ_PIT,
  IRQ_SERIAL,
  MMIO_BLOCK_BASE,
  MMIO_BLOCK_SIZE,
  PORT_PIC_MASK,
  PORT_PIC_PENDING,
  PORT_PIT_CONTROL,
  PORT_PIT_COUNT,
  PORT_SERIAL_DATA,
  PORT_SERIAL_STATUS,
} from './params.ts';

/** The value an `in` from `port` gives. */
export function portIn(m: Machine, port: number): number {
  switch (port) {
    case PORT_PIC_PENDING:
      return m.pic.pending;
    case PORT_PIC_MASK:
      return m.pic.mask;
    case PORT_PIT_COUNT:
      return pitCount(m.pit, m.time);
    case PORT_PIT_CONTROL:
      return (m.pit.enabled ? 1 : 0) | (m.pit.periodic ? 2 : 0);
    case PORT_SERIAL_DATA:
      return serialRead(m.serial);
    case PORT_SERIAL_STATUS:
      return serialStatus(m.serial);
    default:
      return -1;
  }
}

/** Carries out an `out` of `value` to `port`. */
export function portOut(m: Machine, port: number, value: number, out: MachineEvent[]): void {
  switch (port) {
    case PORT_PIC_PENDING:
      acknowledgeIrq(m.pic, value & 31);
      refreshInterruptLine(m);
      return;
    case PORT_PIC_MASK:
      m.pic.mask = value & 0xffff;
      refreshInterruptLine(m);
      return;
    case PORT_PIT_COUNT:
      m.pit.reload = value >>> 0;
      return;
    case PORT_PIT_CONTROL:
      pitWriteControl(m.pit, value, m.time);
      refreshDeadline(m);
      return;
    case PORT_SERIAL_DATA:
      serialWrite(m.serial, value);
      out.push({ type: 'device', device: 'serial', what: 'output', detail: { byte: value & 0xff } });
      return;
    default:
      return;
  }
}

/** True when a physical word address belongs to a device rather than RAM. */
export function isMmio(pa: number): boolean {
  return pa >= MMIO_BLOCK_BASE && pa < MMIO_BLOCK_BASE + MMIO_BLOCK_SIZE;
}

/** A load from a device register. */
export function mmioRead(m: Machine, pa: number): number {
  return blockRead(m.block, pa - MMIO_BLOCK_BASE);
}

/** A store to a device register. */
export function mmioWrite(m: Machine, pa: number, value: number, out: MachineEvent[]): void {
  const b = m.block;
  if (blockWrite(b, pa - MMIO_BLOCK_BASE, value, m.time)) {
    out.push({ type: 'device', device: 'block', what: 'transfer-start', detail: { op: b.op, sector: b.sector, count: b.count, addr: b.addr } });
    refreshDeadline(m);
  }
}

/** Lets every device whose time has come act (timer expiry, transfer completion), raising their IRQs. */
export function serviceDevices(m: Machine, out: MachineEvent[]): void {
  const now = m.time;
  if (m.cpu.timerAt !== 0 && now >= m.cpu.timerAt) {
    m.cpu.timerAt = 0;
    m.cpu.timerPending = true;
    out.push({ type: 'device', device: 'cpu-timer', what: 'expired' });
  }
  if (pitService(m.pit, now)) {
    raiseIrq(m.pic, IRQ_PIT);
    out.push({ type: 'device', device: 'pit', what: 'expired' });
  }
  const b = m.block;
  if (blockService(b, m.memory, now)) {
    raiseIrq(m.pic, IRQ_BLOCK);
    out.push({ type: 'device', device: 'block', what: 'transfer-complete', detail: { status: b.status, sector: b.jobSector, count: b.jobCount } });
  }
  refreshDeadline(m);
  refreshInterruptLine(m);
}

/** The host types `text` on the serial console: it is queued for the machine, and IRQ_SERIAL is raised. */
export function serialInput(m: Machine, text: string): void {
  if (text.length === 0) return;
  m.serial.input += text;
  raiseIrq(m.pic, IRQ_SERIAL);
  refreshInterruptLine(m);
}
