// Runs the compiled uvu suites and ends with the one summary line CI reads: "N passed, N failed".
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pattern = `${process.argv[2] ?? ''}.*\\.test\\.js$`;
const child = spawn(process.execPath, [join(root, 'node_modules', 'uvu', 'bin.js'), join('dist', 'test'), pattern], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  // uvu colours its report even through a pipe; keep logs plain unless we are on a terminal.
  env: process.stdout.isTTY ? process.env : { ...process.env, NO_COLOR: '1' },
});

let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
});
child.on('close', (code) => {
  // uvu prints "Total: N", "Passed: N", "Skipped: N" (coloured when on a terminal).
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const number = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
  const total = number('Total');
  const passed = number('Passed');
  const skipped = number('Skipped');
  // A crash before uvu's summary counts as one failure, so the line never claims success.
  const failed = code === 0 ? total - passed - skipped : Math.max(1, total - passed - skipped);
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exitCode = code === 0 && failed === 0 ? 0 : 1;
});
