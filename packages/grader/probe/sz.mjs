// sz.ts
import { readFileSync as readFileSync2 } from "node:fs";

// ../../work/main/packages/grader/src/bundle.ts
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { build, transform } from "esbuild";
function labSourceFiles(labDir) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(entry.name)) out.push(relative(labDir, full).split(sep).join("/"));
    }
  };
  walk(join(labDir, "src"));
  return out;
}
function relToLab(labDir, abs) {
  const rel = relative(labDir, abs);
  if (rel.startsWith("..") || rel === "") return void 0;
  return rel.split(sep).join("/");
}
function describeMessages(labDir, messages) {
  return messages.slice(0, 5).map((m) => {
    const loc = m.location;
    const file = loc === null ? "" : `${relToLab(labDir, resolve(labDir, loc.file)) ?? loc.file.replace(/^student:/, "")}:${loc.line}:${loc.column + 1}: `;
    return `${file}${m.text}`;
  }).join("\n");
}
var BUILTIN = /^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|inspector|module|net|os|path|perf_hooks|process|readline|repl|stream|string_decoder|timers|tls|tty|url|util|v8|vm|wasi|worker_threads|zlib)$)/;
async function buildTestBundle(labDir, testFiles) {
  const srcDir = join(labDir, "src") + sep;
  const entry = testFiles.map((f) => `__setFile(${JSON.stringify(f)}); try { require(${JSON.stringify(join(labDir, f))}); } catch (e) { __fileError(${JSON.stringify(f)}, e); }`).join("\n");
  const plugin = {
    name: "virtlab-tests",
    setup(b) {
      b.onResolve({ filter: /^vitest$|^@virtlab\/core$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(srcDir)) return void 0;
        return { path: relToLab(labDir, abs), namespace: "student" };
      });
      b.onLoad({ filter: /.*/, namespace: "student" }, (args) => ({
        contents: `module.exports = __student(${JSON.stringify(args.path)});`,
        loader: "js"
      }));
    }
  };
  const result = await build({
    stdin: { contents: entry, resolveDir: labDir, sourcefile: "virtlab-tests-entry.js", loader: "js" },
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
function createStudentCompiler(labDir) {
  const sources = labSourceFiles(labDir);
  const pristine = new Map(sources.map((f) => [f, readFileSync(join(labDir, f), "utf8")]));
  const cache = /* @__PURE__ */ new Map();
  const compileOne = (path, text) => {
    const key = `${path}\0${createHash("sha256").update(text).digest("hex")}`;
    let hit = cache.get(key);
    if (hit === void 0) {
      const loader = path.endsWith(".tsx") ? "tsx" : path.endsWith(".ts") ? "ts" : path.endsWith(".json") ? "json" : "js";
      hit = transform(text, { loader, format: "cjs", target: "node20", sourcefile: path, logLevel: "silent" }).then(
        (r) => ({ ok: true, code: r.code }),
        (error) => ({ ok: false, error: error.errors === void 0 ? String(error) : describeMessages(labDir, error.errors) })
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

// sz.ts
var lab = "/work/main/packages/grader/test/fixtures/labs/adder";
var sol = /* @__PURE__ */ new Map([["src/adder.ts", readFileSync2(lab + "/solution/src/adder.ts", "utf8")]]);
var sb = await createStudentCompiler(lab).compile(sol);
console.log("student", sb.ok && sb.code.length);
var tb = await buildTestBundle(lab, ["tests/public/add.test.ts", "tests/hidden/add.test.ts", "tests/hidden/machine.test.ts"]);
console.log("tests", tb.length);
