<?php
/**
 * Deleting the plugin removes everything it stored: its settings, the partner secret and the cached health check, on
 * every site of a network.
 *
 * @package LeapElements
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

/**
 * Removes this site's data.
 */
function leap_elements_uninstall_site(): void {
	delete_option( 'leap_elements_settings' );
	delete_option( 'leap_elements_partner_secret' );
	delete_transient( 'leap_elements_health' );
}

if ( is_multisite() ) {
	$leap_elements_sites = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $leap_elements_sites as $leap_elements_site_id ) {
		switch_to_blog( (int) $leap_elements_site_id );
		leap_elements_uninstall_site();
		restore_current_blog();
	}
} else {
	leap_elements_uninstall_site();
}
