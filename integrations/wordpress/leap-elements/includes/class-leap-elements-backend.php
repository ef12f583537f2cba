<?php
/**
 * The partner backend (`leap-elements serve` or any createLeapHandler deployment), as this site's server talks to it.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * HTTP calls to the backend: no redirects followed, answers read to at most 1 MiB, the visitor's address passed on in
 * X-Forwarded-For (so the backend, with LEAP_TRUST_PROXY=1, limits each visitor rather than this whole site).
 */
final class Leap_Elements_Backend {

	/** The backend's own bound on answers. */
	const MAX_ANSWER_BYTES = 1048576;

	/** The backend gives Leap 10 seconds; a little more covers its own work. */
	const TIMEOUT_SECONDS = 15;

	/**
	 * The backend's base URL, without a trailing slash.
	 *
	 * @var string
	 */
	private string $base_url;

	/**
	 * Constructor.
	 *
	 * @param string $base_url Base URL such as https://leap.example.com/api/leap.
	 */
	public function __construct( string $base_url ) {
		$this->base_url = untrailingslashit( $base_url );
	}

	/**
	 * The backend from the settings, or null when no URL is set.
	 */
	public static function from_settings(): ?self {
		$url = Leap_Elements_Settings::backend_url();
		return '' === $url ? null : new self( $url );
	}

	/**
	 * The URL of a route.
	 *
	 * @param string $path Route path such as /session.
	 */
	public function url( string $path ): string {
		return $this->base_url . $path;
	}

	/**
	 * A session for one customer, asked with the partner secret.
	 *
	 * @param string $reference_id The customer.
	 * @param string $secret       The partner secret.
	 * @param int    $timeout      Seconds.
	 * @return array{status: int, headers: array<string, string>, body: string, ms: int}|WP_Error
	 */
	public function session( string $reference_id, string $secret, int $timeout = self::TIMEOUT_SECONDS ) {
		return $this->request(
			'POST',
			'/session',
			array(
				'authorization' => 'Bearer ' . $secret,
				'content-type'  => 'application/json',
			),
			(string) wp_json_encode( array( 'reference_id' => $reference_id ) ),
			$timeout
		);
	}

	/**
	 * One call to the backend.
	 *
	 * @param string                $method  GET or POST.
	 * @param string                $path    Route path and query, such as /applications?limit=10.
	 * @param array<string, string> $headers Request headers.
	 * @param string|null           $body    Request body.
	 * @param int                   $timeout Seconds.
	 * @return array{status: int, headers: array<string, string>, body: string, ms: int}|WP_Error
	 */
	public function request( string $method, string $path, array $headers = array(), ?string $body = null, int $timeout = self::TIMEOUT_SECONDS ) {
		$headers = array_merge(
			array(
				'accept'     => 'application/json',
				'user-agent' => 'leap-elements-wordpress/' . LEAP_ELEMENTS_VERSION,
			),
			self::forwarded_for(),
			$headers
		);
		$started = microtime( true );
		// Not wp_safe_remote_request(): the backend usually runs on this machine or a private network.
		$response = wp_remote_request(
			$this->url( $path ),
			array(
				'method'              => $method,
				'headers'             => $headers,
				'body'                => $body,
				'timeout'             => $timeout,
				'redirection'         => 0,
				'limit_response_size' => self::MAX_ANSWER_BYTES,
				'user-agent'          => $headers['user-agent'],
			)
		);
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$answer_headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$answer_headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return array(
			'status'  => (int) wp_remote_retrieve_response_code( $response ),
			'headers' => $answer_headers,
			'body'    => (string) wp_remote_retrieve_body( $response ),
			'ms'      => (int) round( ( microtime( true ) - $started ) * 1000 ),
		);
	}

	/**
	 * Whether an answer came from the backend's mock Leap.
	 *
	 * @param array{headers: array<string, string>} $answer An answer of request().
	 */
	public static function is_mock_answer( array $answer ): bool {
		return '1' === trim( $answer['headers']['x-leap-mock'] ?? '' );
	}

	/**
	 * The visitor's address as this server saw it (a header the visitor wrote is not passed on).
	 *
	 * @return array<string, string>
	 */
	private static function forwarded_for(): array {
		$address = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		return filter_var( $address, FILTER_VALIDATE_IP ) ? array( 'x-forwarded-for' => $address ) : array();
	}
}
