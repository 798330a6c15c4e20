// @virtlab/grader: the test runner and batch grader. This file only re-exports.

export { main } from './cli.ts';
