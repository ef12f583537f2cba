// Debian's WordPress, MariaDB and PHP for the WordPress plugin's test, installed when missing and possible (as
// chromium.mjs does for Chromium); otherwise one line with the command that fixes it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { canInstallPackages, executable, installPackages } from './debian.mjs';

/** Debian packages the test needs; `wordpress` brings php and php-mysql, the theme is the one WordPress 6.1 shipped. */
export const PACKAGES = ['wordpress', 'wordpress-theme-twentytwentythree', 'mariadb-server', 'php-cli', 'php-mysql'];

export const FIX_COMMAND = `sudo apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

/** Where Debian puts what the test uses. */
export const PATHS = {
  wordpress: '/usr/share/wordpress',
  theme: '/usr/share/wordpress/wp-content/themes/twentytwentythree',
  mariadbd: '/usr/sbin/mariadbd',
  installDb: '/usr/bin/mariadb-install-db',
  mariadb: '/usr/bin/mariadb',
  php: '/usr/bin/php',
};

/** What is missing, as Debian package names (empty when everything is there). */
export function missingPackages() {
  const missing = new Set();
  if (!existsSync(`${PATHS.wordpress}/wp-settings.php`)) missing.add('wordpress');
  if (!existsSync(`${PATHS.theme}/theme.json`)) missing.add('wordpress-theme-twentytwentythree');
  if (![PATHS.mariadbd, PATHS.installDb, PATHS.mariadb].every(executable)) missing.add('mariadb-server');
  if (!executable(PATHS.php)) missing.add('php-cli');
  else if (spawnSync(PATHS.php, ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).status !== 0)
    missing.add('php-mysql');
  return [...missing];
}

/** Installs what is missing when running as root with apt-get; otherwise throws one line naming the fix. */
export function ensureWordPressPackages({ log = console.log } = {}) {
  const missing = missingPackages();
  if (!missing.length) return;
  if (canInstallPackages()) {
    log(`Missing ${missing.join(', ')}: installing Debian packages with apt-get (one time)…`);
    installPackages(PACKAGES, ['--no-install-recommends']);
    if (!missingPackages().length) return;
  }
  throw new Error(`WordPress test: missing ${missing.join(', ')}. Fix: ${FIX_COMMAND}`);
}
