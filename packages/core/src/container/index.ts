// The container model: a small kernel with cgroup v2 and namespaces. Re-exports only; see each file's header.
export * from './types.ts';
export * from './errno.ts';
export * from './policy.ts';
export * from './kernel.ts';
export * from './cgroupfs.ts';
