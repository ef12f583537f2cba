<?php
/**
 * Admin notices, for those who can change the settings, on the Dashboard, the Plugins screen and the plugin's settings
 * page: not set up yet, element files missing, the backend unreachable or degraded, or answering from its mock.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the backend's state where an administrator looks.
 */
final class Leap_Elements_Admin_Notices {

	/** The screens that show the notices. */
	const SCREENS = array( 'dashboard', 'plugins', 'settings_page_leap-elements' );

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		add_action( 'admin_notices', array( __CLASS__, 'render' ) );
	}

	/**
	 * The notice for the backend's current state, if any.
	 */
	public static function render(): void {
		$screen = get_current_screen();
		if ( ! $screen || ! in_array( $screen->id, self::SCREENS, true ) || ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$settings = sprintf( '<a href="%s">%s</a>', esc_url( Leap_Elements_Admin_Page::url() ), esc_html__( 'Settings → Leap Elements', 'leap-elements' ) );
		if ( ! Leap_Elements_Assets::files_present() ) {
			self::notice( 'error', esc_html__( 'Leap Elements: the element files are missing from the plugin folder, so no element can show. Install the plugin from its release zip (leap-elements.zip).', 'leap-elements' ) );
			return;
		}
		$status = Leap_Elements_Health::status();
		switch ( $status['state'] ) {
			case 'unset':
				if ( 'settings_page_leap-elements' !== $screen->id ) {
					/* translators: %s: link to the settings page. */
					self::notice( 'warning', sprintf( esc_html__( 'Leap Elements is not connected to its backend yet: enter its URL and partner secret in %s.', 'leap-elements' ), $settings ) );
				}
				break;
			case 'unreachable':
				/* translators: 1: what went wrong, 2: link to the settings page. */
				self::notice( 'error', sprintf( esc_html__( 'Leap Elements cannot reach its backend, so the incentive checker and account elements do not work: %1$s Check the backend, then run Test connection in %2$s.', 'leap-elements' ), esc_html( $status['detail'] ), $settings ) );
				break;
			case 'degraded':
				/* translators: 1: the backend's problem, 2: link to the settings page. */
				self::notice( 'error', sprintf( esc_html__( 'Leap Elements: the backend is running but cannot reach Leap: %1$s See %2$s.', 'leap-elements' ), esc_html( $status['detail'] ), $settings ) );
				break;
			case 'mock':
				/* translators: %s: link to the settings page. */
				self::notice( 'warning', sprintf( esc_html__( 'Leap Elements: the backend answers from its mock Leap. Customers see sample data, not real incentives. Set LEAP_API_KEY on the backend before going live (%s).', 'leap-elements' ), $settings ) );
				break;
		}
	}

	/**
	 * One notice.
	 *
	 * @param string $type    error or warning.
	 * @param string $message Escaped HTML.
	 */
	private static function notice( string $type, string $message ): void {
		printf( '<div class="notice notice-%1$s leap-elements-notice"><p>%2$s</p></div>', esc_attr( $type ), $message ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by the callers.
	}
}
