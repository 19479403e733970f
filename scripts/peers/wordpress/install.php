<?php
/**
 * Installs WordPress into the empty database named in the site's wp-config.php, without a
 * browser: `php install.php SITE_DIR USER PASSWORD`. Sets pretty permalinks and prints one JSON
 * line with the administrator's id and a new Application Password.
 */
[$self, $site, $user, $password] = $argv + [null, null, null, null];
if (!$site || !$user || !$password) {
    fwrite(STDERR, "usage: php install.php SITE_DIR USER PASSWORD\n");
    exit(2);
}
define('ABSPATH', rtrim($site, '/') . '/');
define('WP_INSTALLING', true);
// WordPress reads the request's host while loading; the site address itself is pinned in wp-config.php.
$_SERVER['HTTP_HOST'] = parse_url(getenv('WP_PEER_URL') ?: 'http://127.0.0.1', PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$done = wp_install('Peer test site', $user, $user . '@example.test', false, '', wp_slash($password), 'en_US');
if (is_wp_error($done)) {
    fwrite(STDERR, $done->get_error_message() . "\n");
    exit(1);
}
// Pretty permalinks: posts get /slug/ links like most real sites; the rules are rebuilt on the next request.
update_option('permalink_structure', '/%postname%/');
delete_option('rewrite_rules');

$created = WP_Application_Passwords::create_new_application_password($done['user_id'], ['name' => 'peer tests']);
if (is_wp_error($created)) {
    fwrite(STDERR, $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(['userId' => $done['user_id'], 'appPassword' => WP_Application_Passwords::chunk_password($created[0])]), "\n";
