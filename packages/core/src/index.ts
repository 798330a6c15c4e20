// @virtlab/core: the public surface. This file only re-exports; each module's header explains it.

export * from './params.ts';
export * from './isa.ts';
export * from './events.ts';
export * from './errors.ts';
export * from './rng.ts';
export * from './machine.ts';
export { translate, translationFault, walkPageTable, type Translate } from './mmu.ts';
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
export {
  labManifestSchema,
  LIMIT_RANGES,
  type LabManifest,
  type LabStep,
  type LabHint,
  type LabScenario,
  type Localized,
  type LabLimits,
} from './manifest/schema.ts';
export { parseLabManifest, labManifestJsonSchema, stepDocPath, labFiles, type ParseLabManifestOptions } from './manifest/load.ts';
export { formatManifestIssue, type ManifestIssue } from './manifest/errors.ts';
export type { Field, LabSimulation, SimFrame, SimQuestion, Text } from './lab-simulator.ts';
export * from './container/index.ts';
