<?php
/**
 * Plugin Name:       Leap Elements
 * Description:       Leap Energy's partner features on your pages: an incentive checker, a "connect your utility" button and your customers' enrollment and rebate status, as blocks and shortcodes, through your leap-elements backend.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            The leap-elements contributors
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       leap-elements
 * Domain Path:       /languages
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

define( 'LEAP_ELEMENTS_VERSION', '0.1.0' );
define( 'LEAP_ELEMENTS_FILE', __FILE__ );
define( 'LEAP_ELEMENTS_DIR', __DIR__ . '/' );

require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-settings.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-customer.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-backend.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-health.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-connection-test.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-rest-routes.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-rest-proxy.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-assets.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-elements.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-shortcodes.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-blocks.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-admin-page.php';
require_once LEAP_ELEMENTS_DIR . 'includes/class-leap-elements-admin-notices.php';

register_activation_hook( __FILE__, array( 'Leap_Elements_Settings', 'activate' ) );

add_action(
	'plugins_loaded',
	static function () {
		load_plugin_textdomain( 'leap-elements', false, dirname( plugin_basename( LEAP_ELEMENTS_FILE ) ) . '/languages' );
		Leap_Elements_Rest_Routes::register_hooks();
		Leap_Elements_Assets::register_hooks();
		Leap_Elements_Shortcodes::register_hooks();
		Leap_Elements_Blocks::register_hooks();
		if ( is_admin() ) {
			Leap_Elements_Admin_Page::register_hooks();
			Leap_Elements_Admin_Notices::register_hooks();
		}
	}
);
