<?php
/**
 * "Test connection" on the settings page: the checks `leap-elements doctor` runs, made from this server the way the
 * plugin will use the backend. Each check passes, fails (with the fix) or informs.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Runs the checks against a backend URL and partner secret.
 */
final class Leap_Elements_Connection_Test {

	/** The address of the lookup: Leap's quickstart example (PacifiCorp at the mock). */
	const ADDRESS = array(
		'street_1'               => '456 Main St',
		'city'                   => 'Bend',
		'state_or_province_code' => 'OR',
		'postal_code'            => '97701',
		'country_code'           => 'US',
	);

	/** Seconds each check may wait. */
	const TIMEOUT_SECONDS = 10;

	/**
	 * The results so far.
	 *
	 * @var array<int, array{check: string, outcome: string, detail: string}>
	 */
	private array $results = array();

	/**
	 * Runs every check, stopping at the first failure that the following checks depend on.
	 *
	 * @param string $url    The backend's base URL.
	 * @param string $secret The partner secret.
	 * @return array{ok: bool, checks: array<int, array{check: string, outcome: string, detail: string}>}
	 */
	public function run( string $url, string $secret ): array {
		$this->checks( untrailingslashit( trim( $url ) ), $secret );
		$ok = ! in_array( 'fail', array_column( $this->results, 'outcome' ), true );
		return array(
			'ok'     => $ok,
			'checks' => $this->results,
		);
	}

	/**
	 * The checks, in order.
	 *
	 * @param string $url    The backend's base URL.
	 * @param string $secret The partner secret.
	 */
	private function checks( string $url, string $secret ): void {
		if ( '' === $url || ! Leap_Elements_Settings::valid_backend_url( $url ) ) {
			$this->fail( __( 'Backend URL', 'leap-elements' ), __( 'Enter the full URL of your partner backend, with its base path, such as https://leap.example.com/api/leap.', 'leap-elements' ) );
			return;
		}
		$backend = new Leap_Elements_Backend( $url );

		$health = $backend->request( 'GET', '/healthz', array(), null, self::TIMEOUT_SECONDS );
		if ( is_wp_error( $health ) ) {
			/* translators: 1: URL, 2: the network error. */
			$this->fail( __( 'Reachable', 'leap-elements' ), sprintf( __( 'No answer from %1$s (%2$s). Check the URL, that the backend (leap-elements serve) is running, and that this server may reach it.', 'leap-elements' ), $backend->url( '/healthz' ), $health->get_error_message() ) );
			return;
		}
		/* translators: %d: milliseconds. */
		$this->pass( __( 'Reachable', 'leap-elements' ), sprintf( __( 'The backend answered in %d ms.', 'leap-elements' ), $health['ms'] ) );

		$status = Leap_Elements_Health::read( $health, $backend->url( '/healthz' ) );
		$mock   = 'mock' === $status['state'];
		if ( 'ok' === $status['state'] || $mock ) {
			$this->pass( __( 'Health (/healthz)', 'leap-elements' ), __( 'The backend reports that it is ready.', 'leap-elements' ) );
		} elseif ( 'degraded' === $status['state'] ) {
			/* translators: %s: the problem the backend reported. */
			$this->fail( __( 'Health (/healthz)', 'leap-elements' ), sprintf( __( 'The backend is running but cannot work: %s', 'leap-elements' ), $status['detail'] ) );
		} else {
			$this->fail( __( 'Health (/healthz)', 'leap-elements' ), $status['detail'] );
			return;
		}

		$this->info( __( 'Browser access (CORS)', 'leap-elements' ), __( 'Not needed: browsers talk only to this site, which forwards their calls to the backend. LEAP_ALLOWED_ORIGINS can stay empty.', 'leap-elements' ) );

		$token = $this->session( $backend, $secret, $mock );
		if ( null !== $token ) {
			$mock = $this->lookup( $backend, $token ) || $mock;
		}

		if ( $mock ) {
			$this->info( __( 'Upstream', 'leap-elements' ), __( 'The backend answers from its embedded mock Leap: sample data, not real incentives. Set LEAP_API_KEY on the backend before going live.', 'leap-elements' ), 'mock' );
		} else {
			$this->info( __( 'Upstream', 'leap-elements' ), __( 'The backend talks to the Leap API.', 'leap-elements' ) );
		}
	}

	/**
	 * A server-to-server session for a test customer.
	 *
	 * @param Leap_Elements_Backend $backend The backend.
	 * @param string                $secret  The partner secret.
	 * @param bool                  $mock    Set when the answer says it came from the mock.
	 * @return string|null The token, or null when the check failed.
	 */
	private function session( Leap_Elements_Backend $backend, string $secret, bool &$mock ): ?string {
		$label = __( 'Server-to-server session', 'leap-elements' );
		if ( '' === $secret ) {
			$this->fail( $label, __( 'Enter the partner secret: the value of LEAP_PARTNER_SECRET on your backend.', 'leap-elements' ) );
			return null;
		}
		$reference = 'wp-connection-test@' . Leap_Elements_Settings::get( 'site_name' );
		$answer    = $backend->session( $reference, $secret, self::TIMEOUT_SECONDS );
		if ( is_wp_error( $answer ) ) {
			/* translators: %s: the network error. */
			$this->fail( $label, sprintf( __( 'The session request got no answer (%s).', 'leap-elements' ), $answer->get_error_message() ) );
			return null;
		}
		$body = json_decode( $answer['body'], true );
		$body = is_array( $body ) ? $body : array();
		if ( 401 === $answer['status'] ) {
			$this->fail( $label, __( 'The backend refused the partner secret: enter exactly the value of LEAP_PARTNER_SECRET on the backend (and set that variable if it is not set).', 'leap-elements' ) );
			return null;
		}
		if ( 200 !== $answer['status'] || empty( $body['token'] ) ) {
			/* translators: %d: HTTP status code. */
			$this->fail( $label, sprintf( __( 'The backend answered the session request with status %d and no session. Is the URL the backend\'s base path?', 'leap-elements' ), $answer['status'] ) );
			return null;
		}
		if ( ( $body['reference_id'] ?? '' ) !== $reference ) {
			$this->fail( $label, __( 'The backend handed out a session for another customer than the one asked for: it has no LEAP_PARTNER_SECRET and gives guest sessions. Set LEAP_PARTNER_SECRET on the backend to the secret entered here.', 'leap-elements' ) );
			return null;
		}
		$mock = $mock || ! empty( $body['mock'] ) || Leap_Elements_Backend::is_mock_answer( $answer );
		/* translators: %s: a reference id. */
		$this->pass( $label, sprintf( __( 'The partner secret is accepted: a session for %s.', 'leap-elements' ), $reference ) );
		return (string) $body['token'];
	}

	/**
	 * One eligibility lookup with the session.
	 *
	 * @param Leap_Elements_Backend $backend The backend.
	 * @param string                $token   The session token.
	 * @return bool Whether the answer came from the mock.
	 */
	private function lookup( Leap_Elements_Backend $backend, string $token ): bool {
		$label   = __( 'Eligibility lookup', 'leap-elements' );
		$request = array(
			'address'       => self::ADDRESS,
			'building_type' => 'RESIDENTIAL',
		);
		$ids     = (string) Leap_Elements_Settings::get( 'device_ids' );
		if ( '' !== $ids ) {
			$request['device_ids'] = array_map( 'intval', explode( ',', $ids ) );
		}
		$answer = $backend->request(
			'POST',
			'/incentives',
			array(
				'authorization' => 'Bearer ' . $token,
				'content-type'  => 'application/json',
			),
			(string) wp_json_encode( $request ),
			self::TIMEOUT_SECONDS
		);
		if ( is_wp_error( $answer ) ) {
			/* translators: %s: the network error. */
			$this->fail( $label, sprintf( __( 'The lookup got no answer (%s).', 'leap-elements' ), $answer->get_error_message() ) );
			return false;
		}
		$body = json_decode( $answer['body'], true );
		$body = is_array( $body ) ? $body : array();
		if ( 200 !== $answer['status'] ) {
			$title = sanitize_text_field( (string) ( $body['title'] ?? '' ) );
			/* translators: 1: HTTP status code, 2: the backend's explanation. */
			$this->fail( $label, sprintf( __( 'The backend answered the lookup with status %1$d: %2$s. A 502 usually means Leap refused the backend\'s LEAP_API_KEY.', 'leap-elements' ), $answer['status'], $title ) );
			return Leap_Elements_Backend::is_mock_answer( $answer );
		}
		$utility = sanitize_text_field( (string) ( $body['utility']['name'] ?? __( 'no utility', 'leap-elements' ) ) );
		/* translators: 1: a street address, 2: a utility's name. */
		$this->pass( $label, sprintf( __( '%1$s: %2$s.', 'leap-elements' ), '456 Main St, Bend, OR 97701', $utility ) );
		return Leap_Elements_Backend::is_mock_answer( $answer );
	}

	/**
	 * A passed check.
	 *
	 * @param string $check  The check's name.
	 * @param string $detail What was found.
	 */
	private function pass( string $check, string $detail ): void {
		$this->results[] = array(
			'check'   => $check,
			'outcome' => 'pass',
			'detail'  => $detail,
		);
	}

	/**
	 * A failed check.
	 *
	 * @param string $check  The check's name.
	 * @param string $detail What is wrong and how to fix it.
	 */
	private function fail( string $check, string $detail ): void {
		$this->results[] = array(
			'check'   => $check,
			'outcome' => 'fail',
			'detail'  => $detail,
		);
	}

	/**
	 * Information that fails nothing.
	 *
	 * @param string $check   The subject.
	 * @param string $detail  The information.
	 * @param string $outcome info, or mock for the mock warning.
	 */
	private function info( string $check, string $detail, string $outcome = 'info' ): void {
		$this->results[] = array(
			'check'   => $check,
			'outcome' => $outcome,
			'detail'  => $detail,
		);
	}
}
