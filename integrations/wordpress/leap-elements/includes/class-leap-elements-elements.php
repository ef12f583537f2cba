<?php
/**
 * The five elements as HTML, for the shortcodes and the blocks alike: the attributes a page may set (each escaped),
 * what the plugin sets itself (where the session and the backend's routes are, the language), the settings' defaults,
 * and what a visitor sees instead when an element needs a logged-in customer.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Renders the elements.
 */
final class Leap_Elements_Elements {

	/**
	 * Each tag: the attributes a page may set (bool: present or absent; text: any value, the element checks it and
	 * explains a wrong one), and who may see it: `anyone` (sessions are optional), `guests` (a visitor needs the
	 * site to allow guests) or `users` (a visitor never has data to show).
	 */
	const ELEMENTS = array(
		'leap-incentive-checker'  => array(
			'who'        => 'guests',
			'api'        => true,
			'attributes' => array(
				'device-ids'         => 'text',
				'device-names'       => 'text',
				'building-type'      => 'text',
				'lock-building-type' => 'bool',
				'create-application' => 'bool',
				'auto-check'         => 'bool',
				'address-form'       => 'text',
				'currency'           => 'text',
				'claim-hosts'        => 'text',
				'result-height'      => 'text',
				'street-1'           => 'text',
				'street-2'           => 'text',
				'city'               => 'text',
				'state'              => 'text',
				'postal-code'        => 'text',
				'country'            => 'text',
			),
		),
		'leap-connect-button'     => array(
			'who'        => 'guests',
			'api'        => false,
			'attributes' => array(
				'org'                 => 'text',
				'flow'                => 'text',
				'utility'             => 'text',
				'region'              => 'text',
				'customer-type'       => 'text',
				'redirect-params'     => 'text',
				'requested-utilities' => 'text',
				'environment'         => 'text',
				'mode'                => 'text',
				'target'              => 'text',
			),
		),
		'leap-connect-return'     => array(
			'who'        => 'anyone',
			'api'        => true,
			'attributes' => array(
				'wait-seconds' => 'text',
			),
		),
		'leap-enrollment-status'  => array(
			'who'        => 'users',
			'api'        => true,
			'attributes' => array(
				'meter-id'      => 'text',
				'meter-type'    => 'text',
				'poll-interval' => 'text',
			),
		),
		'leap-application-status' => array(
			'who'        => 'users',
			'api'        => true,
			'attributes' => array(
				'application-id' => 'text',
				'currency'       => 'text',
			),
		),
	);

	/**
	 * One element.
	 *
	 * @param string               $tag        One of the five tags.
	 * @param array<string, mixed> $attributes Attribute => value (true/false for bool attributes; others as text).
	 * @param string               $inner_html Markup inside the element (its slots), already safe.
	 * @return string HTML.
	 */
	public static function render( string $tag, array $attributes, string $inner_html = '' ): string {
		$spec = self::ELEMENTS[ $tag ];
		if ( ! Leap_Elements_Assets::files_present() ) {
			return self::setup_hint( __( 'Leap Elements cannot show this element: its element files are missing. Install the plugin from its release zip.', 'leap-elements' ) );
		}
		Leap_Elements_Assets::enqueue();

		$logged_in = is_user_logged_in();
		$session   = $logged_in || Leap_Elements_Settings::guests_allowed();
		if ( ! $logged_in && ( 'users' === $spec['who'] || ( 'guests' === $spec['who'] && ! $session ) ) ) {
			return self::login_prompt( $tag );
		}

		$hint = '' === Leap_Elements_Settings::backend_url() || '' === Leap_Elements_Settings::partner_secret()
			? self::setup_hint( __( 'Leap Elements is not connected to its backend yet: set the backend URL and partner secret under Settings → Leap Elements.', 'leap-elements' ) )
			: '';
		return $hint . self::element( $tag, $attributes, $inner_html, $session );
	}

	/**
	 * The enrollment status with, under "No connected devices yet", a connect button for the customer (when the
	 * settings name the Leap org and connect flow).
	 *
	 * @param array<string, mixed> $attributes   The enrollment status's attributes.
	 * @param string               $heading_html Its heading slot, already safe.
	 * @param bool                 $with_connect Whether to add the connect button.
	 */
	public static function render_enrollment_status( array $attributes, string $heading_html, bool $with_connect ): string {
		$connect = '';
		$ready   = '' !== (string) Leap_Elements_Settings::get( 'org' ) && '' !== (string) Leap_Elements_Settings::get( 'flow' );
		if ( $with_connect && $ready && is_user_logged_in() ) {
			$connect = self::element( 'leap-connect-button', array( 'slot' => 'empty' ), '', true );
		}
		return self::render( 'leap-enrollment-status', $attributes, $heading_html . $connect );
	}

	/**
	 * The element's tag: the page's attributes that the element takes, the settings' defaults for the rest, and the
	 * plugin's own session-endpoint, api-base and language.
	 *
	 * @param string               $tag        The tag.
	 * @param array<string, mixed> $attributes The page's attributes (and `slot`).
	 * @param string               $inner_html Markup inside, already safe.
	 * @param bool                 $session    Whether this request may have a session.
	 */
	private static function element( string $tag, array $attributes, string $inner_html, bool $session ): string {
		$spec = self::ELEMENTS[ $tag ];
		$html = isset( $attributes['slot'] ) ? array( 'slot' => (string) $attributes['slot'] ) : array();
		foreach ( $spec['attributes'] as $name => $type ) {
			$value = $attributes[ $name ] ?? null;
			if ( 'bool' === $type ) {
				$html[ $name ] = (bool) $value;
			} elseif ( is_scalar( $value ) && '' !== trim( (string) $value ) ) {
				$html[ $name ] = trim( (string) $value );
			}
		}
		$html = array_merge( self::defaults( $tag, $html ), $html );
		if ( $session ) {
			$html['session-endpoint'] = Leap_Elements_Rest_Routes::session_url();
			if ( $spec['api'] ) {
				$html['api-base'] = Leap_Elements_Rest_Routes::base_url();
			}
		}
		$lang = (string) ( $attributes['lang'] ?? '' );
		$lang = in_array( $lang, array( 'en', 'es' ), true ) ? $lang : (string) Leap_Elements_Settings::get( 'language' );
		if ( '' !== $lang ) {
			$html['lang'] = $lang;
		}
		return '<' . $tag . self::attributes( $html ) . '>' . $inner_html . '</' . $tag . '>';
	}

	/**
	 * The settings' defaults for what the page left out.
	 *
	 * @param string               $tag   The tag.
	 * @param array<string, mixed> $given What the page set.
	 * @return array<string, mixed>
	 */
	private static function defaults( string $tag, array $given ): array {
		$settings = Leap_Elements_Settings::all();
		if ( 'leap-incentive-checker' === $tag && ! isset( $given['device-ids'] ) && ! isset( $given['device-names'] ) && '' !== $settings['device_ids'] ) {
			return array( 'device-ids' => $settings['device_ids'] );
		}
		if ( 'leap-connect-button' === $tag ) {
			return array_filter(
				array(
					'org'  => $settings['org'],
					'flow' => $settings['flow'],
				)
			);
		}
		return array();
	}

	/**
	 * Attributes as HTML, each value escaped; a true boolean as a bare name, a false one left out.
	 *
	 * @param array<string, mixed> $attributes Name => value.
	 */
	private static function attributes( array $attributes ): string {
		$html = '';
		foreach ( $attributes as $name => $value ) {
			if ( true === $value ) {
				$html .= ' ' . esc_attr( $name );
			} elseif ( false !== $value && null !== $value ) {
				$html .= ' ' . esc_attr( $name ) . '="' . esc_attr( (string) $value ) . '"';
			}
		}
		return $html;
	}

	/**
	 * What a visitor sees instead of an element that needs a logged-in customer: a sentence and a login link back here.
	 *
	 * @param string $tag The tag.
	 */
	private static function login_prompt( string $tag ): string {
		$messages = array(
			'leap-incentive-checker'  => __( 'Log in to check the incentives you qualify for.', 'leap-elements' ),
			'leap-connect-button'     => __( 'Log in to connect your utility account.', 'leap-elements' ),
			'leap-enrollment-status'  => __( 'Log in to see your connected devices.', 'leap-elements' ),
			'leap-application-status' => __( 'Log in to see your rebate applications.', 'leap-elements' ),
		);
		$here     = get_permalink() ? get_permalink() : home_url( '/' );
		return sprintf(
			'<p class="leap-elements-login" data-leap-element="%1$s">%2$s <a href="%3$s">%4$s</a></p>',
			esc_attr( $tag ),
			esc_html( $messages[ $tag ] ?? '' ),
			esc_url( wp_login_url( $here ) ),
			esc_html__( 'Log in', 'leap-elements' )
		);
	}

	/**
	 * A note for the site's administrators only, where an element cannot work yet.
	 *
	 * @param string $message What to do.
	 */
	private static function setup_hint( string $message ): string {
		if ( ! current_user_can( 'manage_options' ) ) {
			return '';
		}
		return sprintf(
			'<p class="leap-elements-setup" role="note">%1$s <a href="%2$s">%3$s</a></p>',
			esc_html( $message ),
			esc_url( admin_url( 'options-general.php?page=leap-elements' ) ),
			esc_html__( 'Open the settings', 'leap-elements' )
		);
	}
}
