<?php
/**
 * The shortcodes: `[leap_incentive_checker device_ids="123"]`, `[leap_connect_button]`, `[leap_connect_return]`,
 * `[leap_enrollment_status]`, `[leap_application_status]`. Their attributes are the element's, with underscores for
 * dashes (`create_application`, `postal_code`); a flag may stand alone (`[leap_incentive_checker create_application]`)
 * or take yes/no. What a shortcode encloses goes inside the element (a connect button's label, a slot's content).
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers and renders the shortcodes.
 */
final class Leap_Elements_Shortcodes {

	/** Shortcode => element. */
	const TAGS = array(
		'leap_incentive_checker'  => 'leap-incentive-checker',
		'leap_connect_button'     => 'leap-connect-button',
		'leap_connect_return'     => 'leap-connect-return',
		'leap_enrollment_status'  => 'leap-enrollment-status',
		'leap_application_status' => 'leap-application-status',
	);

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		foreach ( array_keys( self::TAGS ) as $shortcode ) {
			add_shortcode( $shortcode, array( __CLASS__, 'render' ) );
		}
	}

	/**
	 * Renders one shortcode.
	 *
	 * @param array<int|string, string>|string $atts      Attributes as WordPress parsed them.
	 * @param string|null                      $content   Enclosed content.
	 * @param string                           $shortcode Which shortcode.
	 */
	public static function render( $atts, $content, $shortcode ): string {
		$atts       = is_array( $atts ) ? $atts : array();
		$tag        = self::TAGS[ $shortcode ];
		$attributes = self::attributes( $atts, $tag );
		$inner      = null === $content ? '' : wp_kses( do_shortcode( $content ), self::allowed_html() );
		if ( 'leap-enrollment-status' === $tag ) {
			return Leap_Elements_Elements::render_enrollment_status( $attributes, $inner, self::flag( $atts['connect_button'] ?? 'yes' ) ?? true );
		}
		return Leap_Elements_Elements::render( $tag, $attributes, $inner );
	}

	/**
	 * The element's attributes from the shortcode's: underscores become dashes, flags become booleans, anything the
	 * element does not take is dropped.
	 *
	 * @param array<int|string, string> $atts The shortcode's attributes.
	 * @param string                    $tag  The element.
	 * @return array<string, mixed>
	 */
	private static function attributes( array $atts, string $tag ): array {
		$spec       = Leap_Elements_Elements::ELEMENTS[ $tag ]['attributes'] + array( 'lang' => 'text' );
		$attributes = array();
		foreach ( $atts as $key => $value ) {
			// A bare word ([leap_incentive_checker create_application]) arrives as a value with a numeric key.
			$name  = is_int( $key ) ? str_replace( '_', '-', strtolower( (string) $value ) ) : str_replace( '_', '-', strtolower( $key ) );
			$value = is_int( $key ) ? 'yes' : (string) $value;
			if ( ! isset( $spec[ $name ] ) ) {
				continue;
			}
			$attributes[ $name ] = 'bool' === $spec[ $name ] ? (bool) self::flag( $value ) : $value;
		}
		return $attributes;
	}

	/**
	 * A flag's value: yes/true/1/on, no/false/0/off, or null for anything else.
	 *
	 * @param string $value The text.
	 */
	private static function flag( string $value ): ?bool {
		$value = strtolower( trim( $value ) );
		if ( in_array( $value, array( '', 'yes', 'true', '1', 'on' ), true ) ) {
			return true;
		}
		return in_array( $value, array( 'no', 'false', '0', 'off' ), true ) ? false : null;
	}

	/**
	 * What enclosed content may hold: what a post may, plus the `slot` attribute that places it in the element.
	 *
	 * @return array<string, array<string, bool>>
	 */
	private static function allowed_html(): array {
		$allowed = wp_kses_allowed_html( 'post' );
		foreach ( $allowed as $element => $attributes ) {
			$allowed[ $element ]         = is_array( $attributes ) ? $attributes : array();
			$allowed[ $element ]['slot'] = true;
		}
		return $allowed;
	}
}
