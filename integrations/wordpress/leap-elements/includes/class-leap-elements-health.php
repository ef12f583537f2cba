<?php
/**
 * The backend's health as the admin notice tells it: `GET {base}/healthz` answers
 * `{"status":"ok","upstream":"leap"|"mock"}`, or 503 `{"status":"degraded","problem":"…"}`. The last answer is kept
 * for five minutes (a transient, removed with the plugin), so admin pages do not wait for the backend each time.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Asks the backend how it is.
 */
final class Leap_Elements_Health {

	const TRANSIENT = 'leap_elements_health';

	/** Admin pages wait at most this long. */
	const TIMEOUT_SECONDS = 3;

	/**
	 * The backend's state: `unset` (no URL), `unreachable`, `degraded`, `mock` or `ok`, with a detail to show.
	 *
	 * @param bool $fresh Ask now rather than reuse the last answer.
	 * @return array{state: string, detail: string}
	 */
	public static function status( bool $fresh = false ): array {
		$backend = Leap_Elements_Backend::from_settings();
		if ( ! $backend ) {
			return array(
				'state'  => 'unset',
				'detail' => '',
			);
		}
		$cached = $fresh ? false : get_transient( self::TRANSIENT );
		if ( is_array( $cached ) && isset( $cached['state'], $cached['detail'] ) ) {
			return $cached;
		}
		$status = self::check( $backend );
		set_transient( self::TRANSIENT, $status, 5 * MINUTE_IN_SECONDS );
		return $status;
	}

	/**
	 * Forgets the last answer (after the settings change).
	 */
	public static function forget(): void {
		delete_transient( self::TRANSIENT );
	}

	/**
	 * Reads one /healthz answer.
	 *
	 * @param Leap_Elements_Backend $backend The backend.
	 * @return array{state: string, detail: string}
	 */
	public static function check( Leap_Elements_Backend $backend ): array {
		$answer = $backend->request( 'GET', '/healthz', array(), null, self::TIMEOUT_SECONDS );
		return self::read( $answer, $backend->url( '/healthz' ) );
	}

	/**
	 * What a /healthz answer (or failure) means.
	 *
	 * @param array{status: int, headers: array<string, string>, body: string}|WP_Error $answer The answer.
	 * @param string                                                                     $url    Where it was asked.
	 * @return array{state: string, detail: string}
	 */
	public static function read( $answer, string $url ): array {
		if ( is_wp_error( $answer ) ) {
			return array(
				'state'  => 'unreachable',
				/* translators: 1: URL, 2: the network error. */
				'detail' => sprintf( __( 'No answer from %1$s (%2$s).', 'leap-elements' ), $url, $answer->get_error_message() ),
			);
		}
		$body = json_decode( $answer['body'], true );
		$body = is_array( $body ) ? $body : array();
		if ( 200 === $answer['status'] && 'ok' === ( $body['status'] ?? null ) ) {
			$mock = 'mock' === ( $body['upstream'] ?? null ) || Leap_Elements_Backend::is_mock_answer( $answer );
			return array(
				'state'  => $mock ? 'mock' : 'ok',
				'detail' => '',
			);
		}
		if ( 503 === $answer['status'] && 'degraded' === ( $body['status'] ?? null ) ) {
			return array(
				'state'  => 'degraded',
				'detail' => sanitize_text_field( (string) ( $body['problem'] ?? '' ) ),
			);
		}
		return array(
			'state'  => 'unreachable',
			/* translators: 1: URL, 2: HTTP status code. */
			'detail' => sprintf( __( '%1$s answered with status %2$d instead of the backend\'s health answer: check the URL, including its base path (/api/leap by default).', 'leap-elements' ), $url, $answer['status'] ),
		);
	}
}
