/**
 * The serial console: bytes written to PORT_SERIAL_DATA are captured as text; input typed by the
 * host (`serialInput`) waits in a queue and raises IRQ_SERIAL.
 *
 * PORT_SERIAL_STATUS: bit 0 = an input byte is ready, bit 5 = the transmitter is empty (always).
 * Reading PORT_SERIAL_DATA takes the next input byte, or 0 when there is none. The output keeps at
 * most SERIAL_OUTPUT_LIMIT characters (the oldest are dropped) so a runaway program cannot grow
 * the state without bound.
 */

import { SERIAL_OUTPUT_LIMIT } from '../params.ts';

/** The console's buffers. */
export interface SerialState {
  /** Everything the machine has written, one character per byte (Latin-1). */
  output: string;
  /** Bytes typed by the host, not yet read by the machine. */
  input: string;
  /** Number of bytes written in all, including any dropped from `output`. */
  written: number;
}

/** An empty console. */
export function createSerial(): SerialState {
  return { output: '', input: '', written: 0 };
}

/** The machine writes one byte. */
export function serialWrite(serial: SerialState, byte: number): void {
  serial.written++;
  serial.output += String.fromCharCode(byte & 0xff);
  if (serial.output.length > SERIAL_OUTPUT_LIMIT) serial.output = serial.output.slice(-SERIAL_OUTPUT_LIMIT);
}

/** The machine reads one byte (0 when no input waits). */
export function serialRead(serial: SerialState): number {
  if (serial.input.length === 0) return 0;
  const byte = serial.input.charCodeAt(0) & 0xff;
  serial.input = serial.input.slice(1);
  return byte;
}

/** The line-status register. */
export function serialStatus(serial: SerialState): number {
  return (serial.input.length > 0 ? 1 : 0) | (1 << 5);
}
