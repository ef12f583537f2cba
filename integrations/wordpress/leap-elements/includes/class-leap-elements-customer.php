<?php
/**
 * Who the customer is: the reference id Leap knows them by. A logged-in user is always "wp-user-<id>@<site name>"
 * (their meters and applications follow them from page to page and device to device); a visitor, when the site allows
 * guests, a fresh "wp-guest-<random>@<site name>" for each page. Nothing the browser sends can change either.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reference ids for users and guests.
 */
final class Leap_Elements_Customer {

	/**
	 * Leap's rule for a partner_reference: 3 to 256 characters, none of / \ ? ] [ { } ! # $ % ^ & * ( ) < > |.
	 */
	const REFERENCE_PATTERN = '/^[^\/\\\\?\]\[{}!#$%^&*()<>|]{3,256}$/u';

	/**
	 * Whether Leap accepts a reference id: its pattern, and no space or control character at either end or inside.
	 *
	 * @param string $reference The reference id.
	 */
	public static function is_valid_reference( string $reference ): bool {
		return 1 === preg_match( self::REFERENCE_PATTERN, $reference )
			&& trim( $reference ) === $reference
			&& 0 === preg_match( '/[\x00-\x1f\x7f]/', $reference );
	}

	/**
	 * A user's reference id. Developers may map it to their own customer ids with the `leap_elements_reference_id`
	 * filter; what the filter returns must still be a valid reference.
	 *
	 * @param WP_User $user The user.
	 * @return string|null Null when the filter returned something Leap would refuse.
	 */
	public static function reference_for_user( WP_User $user ): ?string {
		$reference = 'wp-user-' . $user->ID . '@' . Leap_Elements_Settings::get( 'site_name' );
		/**
		 * Filters the reference id Leap knows a logged-in user by.
		 *
		 * @param string  $reference Default: wp-user-<id>@<site name>.
		 * @param WP_User $user      The user.
		 */
		$reference = (string) apply_filters( 'leap_elements_reference_id', $reference, $user );
		return self::is_valid_reference( $reference ) ? $reference : null;
	}

	/**
	 * A new guest's reference id: random, so a guest can never name anyone else.
	 */
	public static function guest_reference(): string {
		return 'wp-guest-' . bin2hex( random_bytes( 12 ) ) . '@' . Leap_Elements_Settings::get( 'site_name' );
	}

	/**
	 * The user whose login cookie came with this request, whatever the REST API decided (it ignores cookies without a
	 * nonce, which the elements' calls do not carry). Used only to refuse, never to grant.
	 */
	public static function cookie_user_id(): int {
		if ( is_user_logged_in() ) {
			return get_current_user_id();
		}
		$user_id = wp_validate_auth_cookie( '', 'logged_in' );
		return $user_id ? (int) $user_id : 0;
	}
}
