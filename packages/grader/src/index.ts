// @virtlab/grader: the test runner, batch grading and staff tooling. This file only re-exports.

export { main, labsDir, resolveLabDir } from './cli.ts';
export { createRunner, loadLab, runtimeDir, selectTestFiles, type Lab, type Runner, type RunnerOptions, type RunReport, type TestKinds, type TestOutcome } from './runner.ts';
export { gradeBatch, type GradeOptions, type GradeOutcome } from './grade.ts';
export { validateLab, formatValidation, type Check, type ValidationReport } from './validate.ts';
export { describeLayers, detectLayers, formatLayers, type Layer } from './layers.ts';
export { collectSubmissions, SUBMISSION_MANIFEST, type SubmissionManifest } from './collect-submissions.ts';
export { readArchive } from './archive/read-archive.ts';
export { writeTarGz, writeZip } from './archive/write-archive.ts';
export { ArchiveError } from './archive/errors.ts';
export { formatPoints } from './score.ts';
export type { GradedSubmission, Submission } from './grade-types.ts';
export { caughtBy, describeMutant, failingTests, gradeSolutionAndStubs, labMutantFiles, labMutants, labSolutionFiles, mutantLayoutProblems, withMutant } from './lab-checks.ts';
export { bundleLab, importLabBundle, type LabBundle, type LabBundleEntry, type LabBundleOptions } from './lab-bundle.ts';
