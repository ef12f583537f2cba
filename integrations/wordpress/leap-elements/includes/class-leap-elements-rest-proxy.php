<?php
/**
 * The elements' calls, forwarded from this site to the backend: same origin for the browser (no CORS to set up), the
 * session token passed on as it came, the backend's answer passed back byte for byte. Only the backend's customer
 * routes, only their documented query parameters, bodies of at most 16 KiB (the backend's own bound).
 *
 * A token names one customer, and the backend serves that customer only. On top of that, a token of a user is taken
 * only with that user's login cookie: after a log-out, or with another user logged in, it is refused with 401, and
 * the elements then ask for a new session (the new user's, or none).
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * An answer whose body is sent as the backend wrote it.
 */
final class Leap_Elements_Raw_Response extends WP_REST_Response {

	/**
	 * The body, JSON text.
	 *
	 * @var string
	 */
	public string $raw_body;

	/**
	 * Constructor.
	 *
	 * @param string                $body    JSON text.
	 * @param int                   $status  HTTP status.
	 * @param array<string, string> $headers Headers.
	 */
	public function __construct( string $body, int $status, array $headers ) {
		parent::__construct( null, $status, $headers );
		$this->raw_body = $body;
	}
}

/**
 * Forwards the elements' calls.
 */
final class Leap_Elements_Rest_Proxy {

	/** The backend's bound on request bodies. */
	const MAX_BODY_BYTES = 16384;

	/** The query parameters each route takes. */
	const QUERY = array(
		'/applications' => array( 'application_status', 'page_token', 'limit' ),
		'/meters'       => array( 'meter_type' ),
	);

	/** Headers of the backend's answer that the elements read. */
	const PASSED_HEADERS = array( 'retry-after', 'www-authenticate', 'x-leap-mock' );

	/**
	 * Forwards one call.
	 *
	 * @param WP_REST_Request $request The elements' request.
	 * @return WP_REST_Response
	 */
	public static function forward( WP_REST_Request $request ) {
		$backend = Leap_Elements_Backend::from_settings();
		if ( ! $backend ) {
			return Leap_Elements_Rest_Routes::problem( 503, 'Not set up', array( 'reason' => 'The site has not connected Leap Elements to its backend yet.' ) );
		}
		$token = self::bearer( $request );
		if ( null === $token ) {
			return Leap_Elements_Rest_Routes::problem( 401, 'Missing session token', array() );
		}
		if ( ! self::token_fits_login( $token ) ) {
			return Leap_Elements_Rest_Routes::problem( 401, 'Session ended', array( 'reason' => 'The signed-in user changed.' ) );
		}

		$path = substr( $request->get_route(), strlen( '/' . Leap_Elements_Rest_Routes::NAMESPACE ) );
		$body = null;
		if ( 'POST' === $request->get_method() ) {
			$body = $request->get_body();
			if ( strlen( $body ) > self::MAX_BODY_BYTES ) {
				return Leap_Elements_Rest_Routes::problem( 413, 'Request body too large', array( 'limit_bytes' => self::MAX_BODY_BYTES ) );
			}
		}
		$query = array();
		foreach ( self::QUERY[ $path ] ?? array() as $name ) {
			$value = $request->get_query_params()[ $name ] ?? null;
			if ( is_string( $value ) ) {
				$query[ $name ] = $value;
			}
		}
		$headers = array( 'authorization' => 'Bearer ' . $token );
		if ( null !== $body ) {
			$headers['content-type'] = 'application/json';
		}
		$answer = $backend->request( $request->get_method(), $path . ( $query ? '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ) : '' ), $headers, $body );
		if ( is_wp_error( $answer ) ) {
			Leap_Elements_Rest_Routes::log( 'the backend did not answer ' . $path . ': ' . $answer->get_error_message() );
			return Leap_Elements_Rest_Routes::problem( 502, 'The incentive service is not responding', array() );
		}
		return self::pass_on( $answer );
	}

	/**
	 * The backend's answer as this site's: status, body and the headers the elements read.
	 *
	 * @param array{status: int, headers: array<string, string>, body: string} $answer The backend's answer.
	 */
	public static function pass_on( array $answer ): WP_REST_Response {
		$headers = array();
		foreach ( self::PASSED_HEADERS as $name ) {
			if ( isset( $answer['headers'][ $name ] ) ) {
				$headers[ $name ] = $answer['headers'][ $name ];
			}
		}
		$body = $answer['body'];
		if ( null === json_decode( $body ) && 'null' !== trim( $body ) ) {
			// Not JSON (a proxy's error page, say): the elements get the backend's error shape instead.
			return Leap_Elements_Rest_Routes::problem( 502, 'Malformed answer from the incentive service', array() );
		}
		return new Leap_Elements_Raw_Response( $body, $answer['status'], $headers );
	}

	/**
	 * The session token of the request, or null.
	 *
	 * @param WP_REST_Request $request The request.
	 */
	private static function bearer( WP_REST_Request $request ): ?string {
		$header = (string) $request->get_header( 'authorization' );
		if ( ! preg_match( '/^Bearer\s+([A-Za-z0-9._~+\/=-]{1,4096})$/', trim( $header ), $match ) ) {
			return null;
		}
		return $match[1];
	}

	/**
	 * Whether the token may be used with this request's login: a guest's token by anyone, a user's only with that
	 * user's login cookie. The token's signature is the backend's to check; its subject is only read here.
	 *
	 * @param string $token A session token (a JWT).
	 */
	private static function token_fits_login( string $token ): bool {
		$parts   = explode( '.', $token );
		$payload = count( $parts ) === 3 ? json_decode( (string) base64_decode( strtr( $parts[1], '-_', '+/' ), true ), true ) : null;
		$subject = is_array( $payload ) && is_string( $payload['sub'] ?? null ) ? $payload['sub'] : null;
		if ( null === $subject ) {
			// Not a token this plugin handed out; the backend will refuse it.
			return true;
		}
		$site = '@' . Leap_Elements_Settings::get( 'site_name' );
		if ( str_starts_with( $subject, 'wp-guest-' ) && str_ends_with( $subject, $site ) ) {
			return true;
		}
		$user_id = Leap_Elements_Customer::cookie_user_id();
		$user    = $user_id ? get_userdata( $user_id ) : false;
		return $user instanceof WP_User && Leap_Elements_Customer::reference_for_user( $user ) === $subject;
	}
}
