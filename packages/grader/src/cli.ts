/**
 * The `grade` command's entry point. Exit codes: 0 graded, 1 some submissions could not be
 * graded, 2 bad usage.
 */

const USAGE = `Usage: pnpm grade <lab> <submissions> [--out DIR] [--jobs N] [--resume] [--timeout S] [--memory MB] [--tests public|hidden|all]

Grades every submission in <submissions> (one folder or archive per student) against the lab's tests.`;

/** Runs `grade` with its arguments (without the program name); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  process.stderr.write('grade: this build of @virtlab/grader has no test runner yet; nothing was graded.\n');
  return 2;
}
