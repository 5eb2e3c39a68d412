// `npm start`: build, then open the desktop app; where Electron's binary is absent (this machine,
// CI), say so in one line and serve the same app in the browser with the web host.
import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary } from './electronBinary.mjs';

const args = process.argv.slice(2);
const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = findElectronBinary();
const child =
  'path' in binary
    ? spawn(binary.path, ['.', ...args], { stdio: 'inherit' })
    : (console.log(`Electron is not available here (${binary.reason}); serving Sextant in your browser instead.`),
      spawn(process.execPath, ['out/main/serve.js', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
