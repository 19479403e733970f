<?php
/**
 * Router for `php -S` serving a scratch WordPress site (a folder of symlinks over the packaged
 * WordPress). Static files are served as they are, `.php` files run, and every other path goes to
 * `index.php`, as the usual rewrite rules do; that makes `/wp-json/` and pretty permalinks work.
 *
 * ABSPATH is pinned to the site folder before WordPress loads: `php -S` resolves symlinks, so the
 * packaged files would otherwise find their own folder and the system-wide wp-config.php.
 */
$root = rtrim(getenv('WP_PEER_SITE') ?: $_SERVER['DOCUMENT_ROOT'], '/');
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (strpos($path, '..') !== false) {
    http_response_code(400);
    return true;
}
$file = $root . $path;
if (is_dir($file)) {
    $file = rtrim($file, '/') . '/index.php';
    if (!is_file($file)) $file = $root . '/index.php';
}
if (is_file($file) && substr($file, -4) !== '.php') return false;
if (!is_file($file)) $file = $root . '/index.php';

define('ABSPATH', $root . '/');
$script = substr($file, strlen($root));
$_SERVER['SCRIPT_FILENAME'] = $file;
$_SERVER['SCRIPT_NAME'] = $script;
$_SERVER['PHP_SELF'] = $script;
chdir(dirname($file));
require $file;
