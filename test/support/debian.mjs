// What the test helpers need from the machine: whether a file is there to run, and Debian's packages installed with
// apt-get when the run is allowed to (root on Debian). Nothing else installs software for the tests.
import { accessSync, constants } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

/** Whether `path` is an executable file. */
export function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether this run may install Debian packages: root, with apt-get. */
export function canInstallPackages() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** `apt-get update`, then `apt-get install -y <packages>` (with `options` such as --no-install-recommends). */
export function installPackages(packages, options = []) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...options, ...packages], { stdio: 'inherit', env });
}
