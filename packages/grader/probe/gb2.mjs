// gb2.ts
import { readFileSync as readFileSync3 } from "node:fs";

// ../../work/main/packages/grader/src/runner.ts
import { createHash as createHash2 } from "node:crypto";
import { existsSync as existsSync2, readFileSync as readFileSync2 } from "node:fs";
import { basename, join as join2 } from "node:path";
import { fileURLToPath } from "node:url";
import { parseLabManifest } from "@virtlab/core";

// ../../work/main/packages/grader/src/bundle.ts
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { build, transform } from "esbuild";
function labSourceFiles(labDir2) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name)) out.push(relative(labDir2, full).split(sep).join("/"));
    }
  };
  walk(join(labDir2, "src"));
  return out;
}
function relToLab(labDir2, abs) {
  const rel = relative(labDir2, abs);
  if (rel.startsWith("..") || rel === "") return void 0;
  return rel.split(sep).join("/");
}
function describeMessages(labDir2, messages) {
  return messages.slice(0, 5).map((m) => {
    const loc = m.location;
    const file = loc === null ? "" : `${relToLab(labDir2, resolve(labDir2, loc.file)) ?? loc.file.replace(/^student:/, "")}:${loc.line}:${loc.column + 1}: `;
    return `${file}${m.text}`;
  }).join("\n");
}
var BUILTIN = /^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|inspector|module|net|os|path|perf_hooks|process|readline|repl|stream|string_decoder|timers|tls|tty|url|util|v8|vm|wasi|worker_threads|zlib)$)/;
async function buildTestBundle(labDir2, testFiles) {
  const srcDir = join(labDir2, "src") + sep;
  const entry = testFiles.map((f) => `__setFile(${JSON.stringify(f)}); try { require(${JSON.stringify(join(labDir2, f))}); } catch (e) { __fileError(${JSON.stringify(f)}, e); }`).join("\n");
  const plugin = {
    name: "virtlab-tests",
    setup(b) {
      b.onResolve({ filter: /^vitest$|^@virtlab\/core$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(srcDir)) return void 0;
        return { path: relToLab(labDir2, abs), namespace: "student" };
      });
      b.onLoad({ filter: /.*/, namespace: "student" }, (args) => ({
        contents: `module.exports = __student(${JSON.stringify(args.path)});`,
        loader: "js"
      }));
    }
  };
  const result = await build({
    stdin: { contents: entry, resolveDir: labDir2, sourcefile: "virtlab-tests-entry.js", loader: "js" },
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    plugins: [plugin]
  });
  return result.outputFiles[0].text;
}
var LOADER = `
const __cache = Object.create(null);
function __resolve(from, spec) {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) { if (p === '..') parts.pop(); else if (p !== '.' && p !== '') parts.push(p); }
  const base = parts.join('/');
  for (const c of [base, base + '.ts', base + '.tsx', base + '.js', base + '/index.ts', base + '/index.js']) if (Object.hasOwn(__defs, c)) return c;
  throw new Error("cannot find '" + spec + "' (imported by " + from + ")");
}
function __load(path) {
  if (Object.hasOwn(__cache, path)) return __cache[path].exports;
  const module = { exports: {} };
  __cache[path] = module;
  __defs[path].call(module.exports, module, module.exports, (spec) => (spec.startsWith('.') ? __load(__resolve(path, spec)) : require(spec)));
  return module.exports;
}
module.exports = Object.fromEntries(Object.keys(__defs).map((p) => [p, __load(p)]));
`;
function createStudentCompiler(labDir2) {
  const sources = labSourceFiles(labDir2);
  const pristine = new Map(sources.map((f) => [f, readFileSync(join(labDir2, f), "utf8")]));
  const cache = /* @__PURE__ */ new Map();
  const compileOne = (path, text) => {
    const key = `${path}\0${createHash("sha256").update(text).digest("hex")}`;
    let hit = cache.get(key);
    if (hit === void 0) {
      const loader = path.endsWith(".tsx") ? "tsx" : path.endsWith(".ts") ? "ts" : path.endsWith(".json") ? "json" : "js";
      hit = transform(text, { loader, format: "cjs", target: "node20", sourcefile: path, logLevel: "silent" }).then(
        (r) => ({ ok: true, code: r.code }),
        (error) => ({ ok: false, error: error.errors === void 0 ? String(error) : describeMessages(labDir2, error.errors) })
      );
      if (cache.size > 2e3) cache.clear();
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    async compile(files) {
      const parts = await Promise.all(sources.map((f) => compileOne(f, files.get(f) ?? pristine.get(f))));
      const errors = parts.filter((p) => !p.ok).map((p) => p.error);
      if (errors.length > 0) return { ok: false, error: errors.join("\n") };
      const defs = sources.map((f, i) => `  ${JSON.stringify(f)}: function (module, exports, require) {
${parts[i].code}
},`);
      return { ok: true, code: `const __defs = {
${defs.join("\n")}
};
${LOADER}` };
    }
  };
}

// ../../work/main/packages/grader/src/pool.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

// ../../work/main/packages/grader/src/layers.ts
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
var cached;
function detectLayers() {
  if (cached !== void 0) return cached;
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  let bwrap = false;
  let bwrapWhy = "";
  if (process.platform !== "linux") bwrapWhy = `bubblewrap exists only on Linux (this is ${process.platform})`;
  else {
    const probe = spawnSync("bwrap", ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"], { env, timeout: 5e3 });
    if (probe.error !== void 0) bwrapWhy = "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)";
    else if (probe.status !== 0) bwrapWhy = `bubblewrap cannot create namespaces here: ${String(probe.stderr).trim().split("\n")[0]}`;
    else bwrap = true;
  }
  const prlimit = process.platform === "linux" && spawnSync("prlimit", ["--version"], { env, timeout: 5e3 }).status === 0;
  const flags = process.allowedNodeEnvironmentFlags;
  const permissionFlag = flags.has("--permission") ? "--permission" : flags.has("--experimental-permission") ? "--experimental-permission" : "";
  cached = { bwrap, bwrapWhy, prlimit, permissionFlag };
  return cached;
}
function sandboxCommand(options, s = detectLayers()) {
  const node = process.execPath;
  const inside = s.bwrap ? "/sandbox" : options.runtimeDir;
  const nodeArgs = ["--max-old-space-size=128", "--disable-warning=ExperimentalWarning", "--no-warnings"];
  if (s.permissionFlag !== "") nodeArgs.push(s.permissionFlag, "--allow-worker", `--allow-fs-read=${inside}/*`);
  nodeArgs.push(`${inside}/supervisor.js`);
  let command = node;
  let args = nodeArgs;
  if (s.bwrap) {
    const nodeDir = dirname(node);
    const bind = ["--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin"];
    if (!nodeDir.startsWith("/usr/")) bind.push("--ro-bind", dirname(nodeDir), dirname(nodeDir));
    args = [
      "--unshare-all",
      "--unshare-user",
      "--uid",
      "65534",
      "--gid",
      "65534",
      "--die-with-parent",
      "--new-session",
      "--clearenv",
      "--setenv",
      "PATH",
      "/usr/bin:/bin",
      ...bind,
      "--proc",
      "/proc",
      "--dev",
      "/dev",
      "--tmpfs",
      "/tmp",
      "--ro-bind",
      options.runtimeDir,
      "/sandbox",
      "--chdir",
      "/sandbox",
      node,
      ...nodeArgs
    ];
    command = "bwrap";
  }
  if (s.prlimit) {
    args = [`--as=${options.addressSpaceMb * 1024 * 1024}`, "--nofile=256", "--fsize=16777216", "--core=0", command, ...args];
    command = "prlimit";
  }
  return { command, args };
}

// ../../work/main/packages/grader/src/pool.ts
var IN_FLIGHT = 2;
function createPool(options) {
  const size = Math.max(1, options.size ?? 1);
  const { command, args } = sandboxCommand({ runtimeDir: options.runtimeDir, addressSpaceMb: options.addressSpaceMb ?? 4096 });
  const slots = new Array(size).fill(void 0);
  const busy = new Array(size).fill(0);
  const waiting = [];
  let nextId = 1;
  let closed = false;
  function startSlot() {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true
    });
    const slot = { child, ready: Promise.resolve(), labs: /* @__PURE__ */ new Set(), pending: /* @__PURE__ */ new Map(), stderr: "", dead: false };
    slot.ready = new Promise((resolve2, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => {
        let m;
        try {
          m = JSON.parse(line);
        } catch {
          return;
        }
        if (m.type === "ready") resolve2();
        else if (m.type === "result") {
          const done = slot.pending.get(m.id);
          slot.pending.delete(m.id);
          done?.({ ok: true, result: m });
        } else if (m.type === "fatal") {
          slot.stderr += `${m.message}
`;
          kill(slot);
        }
      });
      child.stderr.on("data", (chunk) => {
        if (slot.stderr.length < 8192) slot.stderr += chunk.toString("utf8");
      });
      child.on("error", (error) => {
        slot.stderr += `${error.message}
`;
        reject(error);
      });
      child.on("exit", (code, signal) => {
        slot.dead = true;
        const why = `the sandbox process exited (${signal ?? `code ${code}`})${slot.stderr.trim() === "" ? "" : `: ${slot.stderr.trim().split("\n").slice(-3).join(" | ")}`}`;
        reject(new Error(why));
        for (const done of slot.pending.values()) done({ ok: false, machinery: why, crashed: true });
        slot.pending.clear();
      });
    });
    slot.ready.catch(() => void 0);
    return slot;
  }
  function kill(slot) {
    if (slot.dead) return;
    slot.dead = true;
    try {
      if (slot.child.pid !== void 0) process.kill(-slot.child.pid, "SIGKILL");
    } catch {
      slot.child.kill("SIGKILL");
    }
  }
  async function acquire() {
    const least = Math.min(...busy);
    if (least < IN_FLIGHT) {
      const index = busy.indexOf(least);
      busy[index]++;
      return index;
    }
    return new Promise((resolve2) => waiting.push(resolve2));
  }
  function release(index) {
    const next = waiting.shift();
    if (next !== void 0) next(index);
    else busy[index]--;
  }
  async function once(index, job) {
    let slot = slots[index];
    if (slot === void 0 || slot.dead) {
      slot = startSlot();
      slots[index] = slot;
    }
    try {
      await slot.ready;
    } catch (error) {
      return { ok: false, machinery: `cannot start the sandbox: ${error.message}`, crashed: false };
    }
    const send = (m) => slot.child.stdin.write(`${JSON.stringify(m)}
`);
    if (!slot.labs.has(job.key)) {
      send({ type: "lab", key: job.key, testCode: job.testCode });
      slot.labs.add(job.key);
    }
    const id = nextId++;
    const answer = new Promise((resolve2) => slot.pending.set(id, resolve2));
    const backstop = setTimeout(() => {
      slot.stderr += "the sandbox stopped answering\n";
      kill(slot);
    }, job.limits.submissionTimeoutMs + 15e3);
    send({ type: "job", id, key: job.key, studentCode: job.studentCode, files: job.files, limits: job.limits });
    const result = await answer;
    clearTimeout(backstop);
    return result;
  }
  return {
    async run(job) {
      if (closed) return { ok: false, machinery: "the pool is closed", crashed: false };
      const index = await acquire();
      try {
        const first = await once(index, job);
        if (first.ok) return first;
        const second = await once(index, job);
        if (second.ok) return second;
        if (first.crashed && second.crashed) {
          const loadError = "the sandbox process was killed while running your code, twice (an ArrayBuffer or memory bomb?)";
          return { ok: true, result: { type: "result", id: 0, results: [], loadError, fileErrors: {}, restarts: 2, timedOut: true } };
        }
        return { ok: false, machinery: `${first.machinery}; tried again: ${second.machinery}`, crashed: false };
      } finally {
        release(index);
      }
    },
    async close() {
      closed = true;
      await Promise.all(
        slots.map(async (slot) => {
          if (slot === void 0 || slot.dead) return;
          const exited = new Promise((resolve2) => slot.child.once("exit", () => resolve2()));
          slot.child.stdin.end();
          const timer = setTimeout(() => kill(slot), 2e3);
          await exited;
          clearTimeout(timer);
        })
      );
    }
  };
}

// ../../work/main/packages/grader/src/runner.ts
function loadLab(dir) {
  const manifest = parseLabManifest(readFileSync2(join2(dir, "lab.json"), "utf8"), { file: `${basename(dir)}/lab.json`, folderName: basename(dir) });
  let version = "0.0.0";
  try {
    version = JSON.parse(readFileSync2(join2(dir, "package.json"), "utf8")).version ?? version;
  } catch {
  }
  return { dir, manifest, version };
}
function selectTestFiles(manifest, kinds, steps) {
  const files = [];
  for (const step of manifest.steps) {
    if (steps !== void 0 && !steps.includes(step.id)) continue;
    const chosen = kinds === "public" ? step.public : kinds === "hidden" ? step.hidden : [...step.public, ...step.hidden];
    for (const f of chosen) if (!files.includes(f)) files.push(f);
  }
  return files;
}
function runtimeDir() {
  return fileURLToPath(new URL("../dist/sandbox/", import.meta.url));
}
function visibilityOf(manifest, file) {
  return manifest.steps.some((s) => s.public.includes(file)) ? "public" : "hidden";
}
async function createRunner(lab2, options = {}) {
  const { manifest } = lab2;
  const files = selectTestFiles(manifest, options.kinds ?? "all", options.steps);
  const limits = {
    testTimeoutMs: manifest.limits.testTimeoutMs,
    submissionTimeoutMs: manifest.limits.submissionTimeoutMs,
    memoryMb: manifest.limits.memoryMb,
    maxOutputBytes: manifest.limits.maxOutputBytes,
    ...options.limits
  };
  if (!existsSync2(join2(runtimeDir(), "worker.js"))) {
    throw new Error(`the grader's sandbox runtime is not built (${runtimeDir()} has no worker.js): run pnpm build`);
  }
  const testCode = await buildTestBundle(lab2.dir, files);
  const key = createHash2("sha256").update(testCode).digest("hex").slice(0, 16);
  const compiler = createStudentCompiler(lab2.dir);
  const pool = createPool({ size: options.jobs ?? 1, runtimeDir: runtimeDir() });
  const stepsOf = (file) => manifest.steps.filter((s) => (options.steps === void 0 || options.steps.includes(s.id)) && (s.public.includes(file) || s.hidden.includes(file))).map((s) => s.id);
  async function execute(studentFiles, canonical2) {
    const bundle = await compiler.compile(studentFiles);
    const blank = (status, message) => (canonical2 ?? []).map((t) => ({ ...t, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file), status, message, output: "", durationMs: 0 }));
    if (!bundle.ok) {
      return { tests: blank("error", `your code does not compile:
${bundle.error}`), compileError: bundle.error, loadError: "", restarts: 0, raw: [] };
    }
    const answer = await pool.run({ key, testCode, studentCode: bundle.code, files, limits });
    if (!answer.ok) return { tests: [], compileError: "", loadError: "", restarts: 0, machinery: answer.machinery, raw: [] };
    const r = answer.result;
    const byKey = new Map(r.results.map((t) => [`${t.file}\0${t.name}`, t]));
    const tests = (canonical2 ?? r.results).map((t) => {
      const got = byKey.get(`${t.file}\0${t.name}`);
      const base = { file: t.file, name: t.name, steps: stepsOf(t.file), visibility: visibilityOf(manifest, t.file) };
      if (got !== void 0) return { ...base, status: got.status, message: got.message, output: got.output, durationMs: got.durationMs };
      const message = r.loadError !== "" ? `your code failed to load: ${r.loadError}` : r.fileErrors[t.file] !== void 0 ? `the test file failed to load: ${r.fileErrors[t.file]}` : r.timedOut ? `not run: the submission used up its time limit (${limits.submissionTimeoutMs} ms)` : "not run";
      return { ...base, status: r.timedOut && r.loadError === "" && r.fileErrors[t.file] === void 0 ? "timeout" : "error", message, output: "", durationMs: 0 };
    });
    return { tests, compileError: "", loadError: r.loadError, restarts: r.restarts, raw: r.results };
  }
  const stub = await execute(/* @__PURE__ */ new Map(), void 0);
  if (stub.machinery !== void 0) {
    await pool.close();
    throw new Error(`cannot run the lab's tests: ${stub.machinery}`);
  }
  if (stub.loadError !== "" || stub.compileError !== "") {
    await pool.close();
    throw new Error(`${manifest.id}: the stub itself does not load (${stub.compileError || stub.loadError}); fix the lab's src/ files`);
  }
  const canonical = stub.raw.map((t) => ({ file: t.file, name: t.name }));
  const seen = /* @__PURE__ */ new Set();
  for (const t of canonical) {
    const k = `${t.file} > ${t.name}`;
    if (seen.has(k)) {
      await pool.close();
      throw new Error(`${manifest.id}: two tests are both named "${k}"; give each test a distinct name`);
    }
    seen.add(k);
  }
  return {
    lab: lab2,
    canonical,
    limits,
    async run(studentFiles) {
      const { raw: _raw, ...report } = await execute(studentFiles, canonical);
      return report;
    },
    close: () => pool.close()
  };
}

// ../../work/main/packages/grader/src/archive/params.ts
var DEFAULT_ARCHIVE_LIMITS = Object.freeze({
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxEntries: 1e3
});
var TAR_OVERHEAD_BYTES = 1024 * 1024;

// ../../work/main/packages/grader/src/archive/entry-path.ts
var strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// ../../work/main/packages/grader/src/archive/zip.ts
var DOS_DATE_1980_01_01 = 0 << 9 | 1 << 5 | 1;
var MADE_BY_UNIX = 3 << 8 | 20;

// ../../work/main/packages/grader/src/collect-submissions.ts
var utf8 = new TextDecoder("utf-8", { fatal: true });

// ../../work/main/packages/grader/src/score.ts
function formatPoints(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}`;
}
function scoreTests(manifest, outcomes, steps) {
  const tests = [];
  const stepScores = [];
  manifest.steps.forEach((step, stepIndex) => {
    if (steps !== void 0 && !steps.includes(step.id)) return;
    const mine = outcomes.filter((o) => o.steps.includes(step.id));
    if (mine.length === 0) return;
    const total = step.points * 100;
    const base = Math.floor(total / mine.length);
    let extra = total - base * mine.length;
    let cents = 0;
    mine.forEach((o, i) => {
      const maxCents = base + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const earned = o.status === "passed" ? maxCents : 0;
      cents += earned;
      const { steps: _steps, ...rest } = o;
      tests.push({ ...rest, step: step.id, number: `${stepIndex + 1}.${i + 1}`, cents: earned, maxCents });
    });
    stepScores.push({ id: step.id, cents, maxCents: total });
  });
  return { tests, steps: stepScores };
}

// ../../work/main/packages/grader/src/write/feedback.ts
var MAX_PRINTED_CHARS = 2e3;
var TEXT = {
  en: {
    title: (lab2, student) => `# Feedback: ${lab2} \u2014 ${student}`,
    labLine: (id, version, kinds) => `Lab \`${id}\`, version ${version}; tests: ${kinds}.`,
    kinds: { all: "public and hidden", public: "public only", hidden: "hidden only" },
    total: (earned, max, passed, count) => `**Total: ${earned} / ${max} points** (${passed} of ${count} tests passed)`,
    unreadable: "**Your submission could not be read**, so nothing in it was graded. The notes below say why.",
    compileError: "**Your code does not compile**, so no test could pass. The compiler said:",
    loadError: "**Your code failed to load**, so its tests could not run. The error was:",
    notes: "## Notes on your submission",
    step: (number, title, earned, max) => `## ${number}. ${title} \u2014 ${earned} / ${max} points`,
    labels: (labels) => ` (${labels.join(", ")})`,
    hiddenTest: "hidden test",
    status: { passed: "passed", failed: "failed", error: "error", timeout: "timed out", skipped: "skipped", todo: "not written yet" },
    seeAbove: "Not run: see the error at the top of this page.",
    printed: "What your code printed:",
    cut: (more) => `\u2026 (${more} more characters not shown)`,
    hints: "### Hints"
  },
  zh: {
    title: (lab2, student) => `# \u8BC4\u5206\u53CD\u9988\uFF1A${lab2} \u2014 ${student}`,
    labLine: (id, version, kinds) => `\u5B9E\u9A8C \`${id}\`\uFF0C\u7248\u672C ${version}\uFF1B\u8FD0\u884C\u7684\u6D4B\u8BD5\uFF1A${kinds}\u3002`,
    kinds: { all: "\u516C\u5F00\u6D4B\u8BD5\u548C\u9690\u85CF\u6D4B\u8BD5", public: "\u4EC5\u516C\u5F00\u6D4B\u8BD5", hidden: "\u4EC5\u9690\u85CF\u6D4B\u8BD5" },
    total: (earned, max, passed, count) => `**\u603B\u5206\uFF1A${earned} / ${max} \u5206**\uFF08\u5171 ${count} \u9879\u6D4B\u8BD5\uFF0C\u901A\u8FC7 ${passed} \u9879\uFF09`,
    unreadable: "**\u65E0\u6CD5\u8BFB\u53D6\u4F60\u7684\u63D0\u4EA4**\uFF0C\u56E0\u6B64\u5176\u4E2D\u7684\u5185\u5BB9\u90FD\u6CA1\u6709\u8BC4\u5206\u3002\u539F\u56E0\u89C1\u4E0B\u65B9\u8BF4\u660E\u3002",
    compileError: "**\u4F60\u7684\u4EE3\u7801\u65E0\u6CD5\u7F16\u8BD1**\uFF0C\u56E0\u6B64\u6240\u6709\u6D4B\u8BD5\u90FD\u65E0\u6CD5\u901A\u8FC7\u3002\u7F16\u8BD1\u5668\u7684\u62A5\u9519\u5982\u4E0B\uFF1A",
    loadError: "**\u4F60\u7684\u4EE3\u7801\u52A0\u8F7D\u5931\u8D25**\uFF0C\u56E0\u6B64\u6D4B\u8BD5\u65E0\u6CD5\u8FD0\u884C\u3002\u9519\u8BEF\u4FE1\u606F\u5982\u4E0B\uFF1A",
    notes: "## \u5173\u4E8E\u4F60\u7684\u63D0\u4EA4\u7684\u8BF4\u660E",
    step: (number, title, earned, max) => `## ${number}. ${title} \u2014 ${earned} / ${max} \u5206`,
    labels: (labels) => `\uFF08${labels.join("\uFF0C")}\uFF09`,
    hiddenTest: "\u9690\u85CF\u6D4B\u8BD5",
    status: { passed: "\u901A\u8FC7", failed: "\u672A\u901A\u8FC7", error: "\u51FA\u9519", timeout: "\u8D85\u65F6", skipped: "\u5DF2\u8DF3\u8FC7", todo: "\u5C1A\u672A\u7F16\u5199" },
    seeAbove: "\u672A\u8FD0\u884C\uFF1A\u539F\u56E0\u89C1\u672C\u9875\u9876\u90E8\u7684\u9519\u8BEF\u4FE1\u606F\u3002",
    printed: "\u4F60\u7684\u4EE3\u7801\u8F93\u51FA\u4E86\uFF1A",
    cut: (more) => `\u2026\uFF08\u53E6\u6709 ${more} \u4E2A\u5B57\u7B26\u672A\u663E\u793A\uFF09`,
    hints: "### \u63D0\u793A"
  }
};
function feedbackMarkdown(g, manifest, lang) {
  const t = TEXT[lang];
  const passed = g.tests.filter((x) => x.status === "passed").length;
  const out = [
    t.title(escapeMarkdown(manifest.title[lang]), escapeMarkdown(g.student)),
    "",
    t.labLine(manifest.id, escapeMarkdown(g.labVersion), t.kinds[g.kinds]),
    "",
    t.total(formatPoints(g.cents), formatPoints(g.maxCents), passed, g.tests.length),
    ""
  ];
  const error = g.compileError !== "" ? g.compileError : g.loadError;
  if (g.status === "unreadable") out.push(t.unreadable, "");
  else if (error !== "") out.push(g.compileError !== "" ? t.compileError : t.loadError, "", ...fenced(cut(error, t), ""), "");
  if (g.notes.length > 0) out.push(t.notes, "", ...fenced(g.notes.join("\n"), ""), "");
  manifest.steps.forEach((step, index) => {
    const score = g.steps.find((s) => s.id === step.id);
    if (score === void 0) return;
    out.push(t.step(index + 1, escapeMarkdown(step.title[lang]), formatPoints(score.cents), formatPoints(score.maxCents)), "");
    for (const test of g.tests.filter((x) => x.step === step.id)) out.push(...testLines(test, error, t));
    if (out.at(-1) !== "") out.push("");
    if (score.cents < score.maxCents) {
      out.push(t.hints, "");
      step.hints.forEach((hint, i) => {
        out.push(`${i + 1}. ${hint[lang].replaceAll("\n", "\n   ")}`);
      });
      out.push("");
    }
  });
  return `${out.join("\n").trimEnd()}
`;
}
function testLines(test, error, t) {
  const ok = test.status === "passed";
  const labels = [];
  if (test.visibility === "hidden") labels.push(t.hiddenTest);
  if (test.status !== "passed" && test.status !== "failed") labels.push(t.status[test.status]);
  const lines = [`- ${ok ? "\u2713" : "\u2717"} ${escapeMarkdown(test.name)}${labels.length > 0 ? t.labels(labels) : ""}`];
  if (ok) return lines;
  lines.push("");
  if (error !== "" && test.message.includes(error)) lines.push(`  ${t.seeAbove}`, "");
  else if (test.message !== "") lines.push(...fenced(cut(test.message, t), "  "), "");
  if (test.output !== "") lines.push(`  ${t.printed}`, "", ...fenced(cut(test.output, t), "  "), "");
  return lines;
}
function cut(text, t) {
  const chars = Array.from(text);
  if (chars.length <= MAX_PRINTED_CHARS) return text;
  return `${chars.slice(0, MAX_PRINTED_CHARS).join("")}
${t.cut(chars.length - MAX_PRINTED_CHARS)}`;
}
function fenced(text, indent) {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const body = text.replace(/\n$/, "").split("\n");
  return [`${indent}${fence}text`, ...body.map((line) => line === "" ? "" : `${indent}${line}`), `${indent}${fence}`];
}
function escapeMarkdown(text) {
  return text.replace(/[\\`*_[\]<]/g, "\\$&").replace(/[\r\n]+/g, " ");
}

// ../../work/main/packages/grader/src/write/gradescope.ts
function gradescopeResults(g, manifest) {
  const passed = g.tests.filter((t) => t.status === "passed").length;
  let summary = `${formatPoints(g.cents)} / ${formatPoints(g.maxCents)} points: ${passed} of ${g.tests.length} tests passed.`;
  if (g.status === "unreadable") summary += " The submission could not be read.";
  else if (g.compileError !== "") summary += " Your code does not compile.";
  else if (g.loadError !== "") summary += " Your code failed to load.";
  return {
    score: g.cents / 100,
    output: [summary, ...g.notes.map((n) => `- ${n}`)].join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    extra_data: { lab: manifest.id, lab_version: g.labVersion, tests: g.kinds, status: g.status, submission_hash: g.hash },
    tests: g.tests.map(gradescopeTest)
  };
}
function gradescopeTest(t) {
  const reason = t.status === "passed" ? t.message : t.message || `(${t.status})`;
  const printed = t.output === "" ? "" : `What your code printed:
${t.output}`;
  return {
    name: `[${t.step}] ${t.name}`,
    number: t.number,
    score: t.cents / 100,
    max_score: t.maxCents / 100,
    status: t.status === "passed" ? "passed" : "failed",
    output: [reason, printed].filter((s) => s !== "").join("\n\n"),
    visibility: t.visibility === "public" ? "visible" : "after_published",
    tags: [t.step]
  };
}
function toJson(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

// ../../work/main/packages/grader/src/grade.ts
function gradeRecord(lab2, runner2, kinds, s, report) {
  const outcomes = report?.tests ?? runner2.canonical.map((t) => ({
    file: t.file,
    name: t.name,
    steps: lab2.manifest.steps.filter((st) => st.public.includes(t.file) || st.hidden.includes(t.file)).map((st) => st.id),
    visibility: lab2.manifest.steps.some((st) => st.public.includes(t.file)) ? "public" : "hidden",
    status: "error",
    message: `not graded: ${s.unreadable ?? "unknown reason"}`,
    output: "",
    durationMs: 0
  }));
  const { tests, steps } = scoreTests(lab2.manifest, outcomes);
  const notes = [...s.notes];
  return {
    student: s.student,
    lab: lab2.manifest.id,
    labVersion: lab2.version,
    hash: s.hash,
    kinds,
    status: report === void 0 ? "unreadable" : "graded",
    cents: steps.reduce((a, st) => a + st.cents, 0),
    maxCents: steps.reduce((a, st) => a + st.maxCents, 0),
    steps,
    tests,
    notes,
    compileError: report?.compileError ?? "",
    loadError: report?.loadError ?? ""
  };
}

// gb2.ts
var labDir = "/work/main/packages/grader/test/fixtures/labs/adder";
var lab = loadLab(labDir);
var runner = await createRunner(lab, { jobs: 2 });
var sol = readFileSync3(labDir + "/solution/src/adder.ts", "utf8");
for (const mode of ["run", "run+render"]) {
  const N = 600;
  let next = 0;
  let render = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next++ < N) {
      const files = /* @__PURE__ */ new Map([["src/adder.ts", sol]]);
      const r = await runner.run(files);
      if (mode !== "run") {
        const t0 = performance.now();
        const g = gradeRecord(lab, runner, "all", { student: "x", source: "x", files, notes: [], hash: "h" }, r);
        toJson(gradescopeResults(g, lab.manifest));
        feedbackMarkdown(g, lab.manifest, "en");
        feedbackMarkdown(g, lab.manifest, "zh");
        JSON.stringify(g);
        render += performance.now() - t0;
      }
    }
  }));
  console.log(mode, "per second", (N / ((performance.now() - t) / 1e3)).toFixed(0), "render ms each", (render / N).toFixed(2));
}
await runner.close();
