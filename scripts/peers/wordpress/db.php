<?php
/**
 * Creates or drops one scratch database on the local MariaDB: `php db.php create|drop NAME`.
 * PHP's mysqli is already installed for WordPress, so no database client is needed besides it.
 */
[$self, $action, $name] = $argv + [null, null, null];
if (!in_array($action, ['create', 'drop'], true) || !preg_match('/^[a-z0-9_]{1,64}$/', (string) $name)) {
    fwrite(STDERR, "usage: php db.php create|drop NAME\n");
    exit(2);
}
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$host = getenv('WP_PEER_DB_HOST') ?: '127.0.0.1';
$port = (int) (getenv('WP_PEER_DB_PORT') ?: 3306);
$db = new mysqli($host, getenv('WP_PEER_DB_USER') ?: 'root', getenv('WP_PEER_DB_PASSWORD') ?: '', '', $port);
$db->query($action === 'create'
    ? "CREATE DATABASE `$name` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    : "DROP DATABASE IF EXISTS `$name`");
