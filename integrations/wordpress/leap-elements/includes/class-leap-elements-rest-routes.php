<?php
/**
 * The plugin's REST routes, under /wp-json/leap-elements/v1/ (or /index.php/wp-json/leap-elements/v1/ with plain
 * permalinks, so the elements can add their paths to it):
 *
 *   POST session             the customer's session: the logged-in user's own, or a guest's when the site allows it
 *   POST incentives, GET applications[/<id>], GET meters[/<id>/enrollment]
 *                            the elements' calls, forwarded to the backend (Leap_Elements_Rest_Proxy)
 *   POST connection-test     "Test connection" on the settings page (administrators only), and
 *   POST connection-test/browser  its check from the browser: the routes answer there, with the Authorization header
 *
 * Every answer is `no-store`, and none carries CORS headers: only this site's own pages use these routes.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the routes and answers the session route.
 */
final class Leap_Elements_Rest_Routes {

	const NAMESPACE = 'leap-elements/v1';

	/** Ids the backend accepts in a path. */
	const ID = '[A-Za-z0-9_-]{1,64}';

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		add_action( 'rest_api_init', array( __CLASS__, 'register_routes' ) );
		add_action( 'parse_request', array( __CLASS__, 'route_without_permalinks' ), 5 );
		add_filter( 'rest_pre_serve_request', array( __CLASS__, 'serve' ), 20, 4 );
	}

	/**
	 * The base URL of the routes, ending in a slash: the elements' api-base.
	 */
	public static function base_url(): string {
		if ( get_option( 'permalink_structure' ) ) {
			return rest_url( self::NAMESPACE . '/' );
		}
		return home_url( '/index.php/' . rest_get_url_prefix() . '/' . self::NAMESPACE . '/' );
	}

	/**
	 * The elements' session-endpoint. A logged-in user's carries the REST nonce, without which WordPress treats the
	 * request as a visitor's; a cross-site page cannot read the nonce, so it cannot ask for the user's session.
	 */
	public static function session_url(): string {
		$url = self::base_url() . 'session';
		return is_user_logged_in() ? add_query_arg( '_wpnonce', wp_create_nonce( 'wp_rest' ), $url ) : $url;
	}

	/**
	 * Registers the routes.
	 */
	public static function register_routes(): void {
		register_rest_route(
			self::NAMESPACE,
			'/session',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'session' ),
				'permission_callback' => '__return_true',
			)
		);
		$proxy = array(
			'/incentives'                          => 'POST',
			'/applications'                        => 'GET',
			'/applications/(?P<id>' . self::ID . ')' => 'GET',
			'/meters'                              => 'GET',
			'/meters/(?P<id>' . self::ID . ')/enrollment' => 'GET',
		);
		foreach ( $proxy as $route => $method ) {
			register_rest_route(
				self::NAMESPACE,
				$route,
				array(
					'methods'             => $method,
					'callback'            => array( 'Leap_Elements_Rest_Proxy', 'forward' ),
					'permission_callback' => '__return_true',
				)
			);
		}
		register_rest_route(
			self::NAMESPACE,
			'/connection-test',
			array(
				'methods'             => 'POST',
				'callback'            => array( __CLASS__, 'connection_test' ),
				'permission_callback' => static fn () => current_user_can( 'manage_options' ),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/connection-test/browser',
			array(
				'methods'             => 'POST',
				'callback'            => static fn ( WP_REST_Request $request ) => new WP_REST_Response( array( 'authorization' => '' !== (string) $request->get_header( 'authorization' ) ) ),
				'permission_callback' => static fn () => current_user_can( 'manage_options' ),
			)
		);
	}

	/**
	 * `POST session`: asks the backend, with the partner secret, for the session of the customer this request is.
	 * Nothing in the request names the customer.
	 *
	 * @return WP_REST_Response
	 */
	public static function session() {
		$backend = Leap_Elements_Backend::from_settings();
		$secret  = Leap_Elements_Settings::partner_secret();
		if ( ! $backend || '' === $secret ) {
			return self::problem( 503, 'Not set up', array( 'reason' => 'The site has not connected Leap Elements to its backend yet.' ) );
		}
		if ( is_user_logged_in() ) {
			$reference = Leap_Elements_Customer::reference_for_user( wp_get_current_user() );
			if ( null === $reference ) {
				self::log( 'the leap_elements_reference_id filter returned a reference id Leap would refuse.' );
				return self::problem( 500, 'Could not name the customer', array() );
			}
		} elseif ( Leap_Elements_Settings::guests_allowed() ) {
			$reference = Leap_Elements_Customer::guest_reference();
		} else {
			return self::problem( 401, 'Not signed in', array( 'reason' => 'Log in to use this.' ) );
		}

		$answer = $backend->session( $reference, $secret );
		if ( is_wp_error( $answer ) ) {
			self::log( 'the backend did not answer the session request: ' . $answer->get_error_message() );
			return self::problem( 502, 'The incentive service is not responding', array() );
		}
		if ( 401 === $answer['status'] || 403 === $answer['status'] ) {
			// The partner secret is the site's problem, not the visitor's.
			self::log( 'the backend refused the partner secret (status ' . $answer['status'] . '); run Test connection on the settings page.' );
			return self::problem( 502, 'The incentive service refused this site', array() );
		}
		$session = json_decode( $answer['body'], true );
		if ( 200 === $answer['status'] && ( ! is_array( $session ) || ( $session['reference_id'] ?? null ) !== $reference ) ) {
			self::log( 'the backend answered the session request with another customer than asked: is LEAP_PARTNER_SECRET set on the backend?' );
			return self::problem( 502, 'The incentive service gave an unusable session', array() );
		}
		return Leap_Elements_Rest_Proxy::pass_on( $answer );
	}

	/**
	 * `POST connection-test`: the checks, against the URL in the form (saved or not) and the secret typed there, or the
	 * saved one when the field is empty.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public static function connection_test( WP_REST_Request $request ) {
		$url    = defined( 'LEAP_ELEMENTS_BACKEND_URL' ) ? Leap_Elements_Settings::backend_url() : (string) $request->get_param( 'backend_url' );
		$typed  = trim( (string) $request->get_param( 'partner_secret' ) );
		$secret = '' !== $typed && ! defined( 'LEAP_ELEMENTS_PARTNER_SECRET' ) ? $typed : Leap_Elements_Settings::partner_secret();
		$result = ( new Leap_Elements_Connection_Test() )->run( $url, $secret );
		if ( untrailingslashit( trim( $url ) ) === Leap_Elements_Settings::backend_url() ) {
			Leap_Elements_Health::forget();
		}
		// The check only the browser can make: this site's routes answer where the elements call them, and the
		// Authorization header (the session token) reaches PHP.
		$result['browser_check'] = array(
			'url'   => self::base_url() . 'connection-test/browser',
			'nonce' => wp_create_nonce( 'wp_rest' ),
		);
		return new WP_REST_Response( $result, 200 );
	}

	/**
	 * With plain permalinks WordPress routes REST calls only by `?rest_route=`, to which the elements cannot add their
	 * paths; so this plugin's routes are also served at /index.php/wp-json/leap-elements/v1/<path>.
	 *
	 * @param WP $wp The request being parsed.
	 */
	public static function route_without_permalinks( WP $wp ): void {
		if ( get_option( 'permalink_structure' ) || empty( $_SERVER['REQUEST_URI'] ) ) {
			return;
		}
		$path   = (string) wp_parse_url( esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ), PHP_URL_PATH );
		$prefix = (string) wp_parse_url( self::base_url(), PHP_URL_PATH );
		if ( str_starts_with( $path, $prefix ) ) {
			$wp->query_vars['rest_route'] = '/' . self::NAMESPACE . '/' . substr( $path, strlen( $prefix ) );
		}
	}

	/**
	 * For this plugin's routes: no CORS grant (WordPress grants every origin by default), no caching, and the backend's
	 * answers passed on byte for byte.
	 *
	 * @param bool             $served  Whether the answer was already sent.
	 * @param WP_HTTP_Response $result  The answer.
	 * @param WP_REST_Request  $request The request.
	 * @return bool
	 */
	public static function serve( $served, $result, $request ) {
		if ( ! $request instanceof WP_REST_Request || ! str_starts_with( $request->get_route(), '/' . self::NAMESPACE . '/' ) ) {
			return $served;
		}
		if ( ! headers_sent() ) {
			foreach ( array( 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers' ) as $header ) {
				header_remove( $header );
			}
			header( 'Cache-Control: no-store' );
		}
		if ( ! $served && $result instanceof Leap_Elements_Raw_Response ) {
			echo $result->raw_body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON from the backend, sent as application/json.
			return true;
		}
		return $served;
	}

	/**
	 * An error in the backend's shape, which the elements read.
	 *
	 * @param int                  $status  HTTP status.
	 * @param string               $title   Short title.
	 * @param array<string, mixed> $details Details.
	 */
	public static function problem( int $status, string $title, array $details ): WP_REST_Response {
		return new WP_REST_Response(
			array(
				'title'   => $title,
				'status'  => $status,
				'details' => (object) $details,
			),
			$status
		);
	}

	/**
	 * One line in the PHP error log, when the site logs (WP_DEBUG). Never a secret or a token.
	 *
	 * @param string $message What happened.
	 */
	public static function log( string $message ): void {
		if ( defined( 'WP_DEBUG' ) && WP_DEBUG ) {
			error_log( 'Leap Elements: ' . $message ); // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log
		}
	}
}
