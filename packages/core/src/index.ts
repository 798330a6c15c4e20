// @virtlab/core: the public surface. This file only re-exports; each module's header explains it.

export * from './params.ts';
export * from './isa.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './rng.ts';
export * from './machine.ts';
export { translate, walkPageTable } from './mmu.ts';
export { portIn, portOut, isMmio, mmioRead, mmioWrite, serviceDevices, serialInput } from './bus.ts';
export { execOne } from './cpu.ts';
export * from './run.ts';
export * from './timeline.ts';
export * from './devices/pic.ts';
export * from './devices/pit.ts';
export * from './devices/serial.ts';
export * from './devices/block.ts';
export * from './asm/program.ts';
export * from './asm/assembler.ts';
export * from './asm/disassembler.ts';
export * from './manifest/schema.ts';
export * from './manifest/load.ts';
