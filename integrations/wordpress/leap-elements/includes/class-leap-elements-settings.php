<?php
/**
 * The plugin's settings: one option for everything a page may know, and the partner secret in an option of its own
 * (never autoloaded, never printed). Both can be fixed in wp-config.php instead:
 * LEAP_ELEMENTS_BACKEND_URL and LEAP_ELEMENTS_PARTNER_SECRET.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Reads, validates and stores the settings.
 */
final class Leap_Elements_Settings {

	const OPTION        = 'leap_elements_settings';
	const SECRET_OPTION = 'leap_elements_partner_secret';

	/** The backend refuses shorter partner secrets. */
	const MIN_SECRET_BYTES = 32;

	/** Themes the elements can be given. */
	const THEMES = array( 'light', 'dark' );

	/** Languages the elements speak ('' follows the page). */
	const LANGUAGES = array( '', 'en', 'es' );

	/**
	 * Default values, with the site name for customer references taken from the site's address.
	 *
	 * @return array<string, mixed>
	 */
	public static function defaults(): array {
		return array(
			'backend_url' => '',
			'org'         => '',
			'flow'        => '',
			'device_ids'  => '',
			'theme'       => 'light',
			'accent'      => '',
			'language'    => '',
			'guests'      => true,
			'site_name'   => self::site_name_from_url( home_url() ),
		);
	}

	/**
	 * Creates both options on activation, so later saves update them (and the secret is never autoloaded).
	 */
	public static function activate(): void {
		add_option( self::OPTION, self::defaults() );
		add_option( self::SECRET_OPTION, '', '', false );
	}

	/**
	 * Every setting, defaults filled in.
	 *
	 * @return array<string, mixed>
	 */
	public static function all(): array {
		$stored = get_option( self::OPTION, array() );
		$values = wp_parse_args( is_array( $stored ) ? $stored : array(), self::defaults() );
		if ( '' === $values['site_name'] ) {
			$values['site_name'] = self::defaults()['site_name'];
		}
		return $values;
	}

	/**
	 * One setting.
	 *
	 * @param string $key Setting name.
	 * @return mixed
	 */
	public static function get( string $key ) {
		return self::all()[ $key ] ?? null;
	}

	/**
	 * The backend's base URL without a trailing slash, from wp-config.php or the settings; '' when not set.
	 */
	public static function backend_url(): string {
		$url = defined( 'LEAP_ELEMENTS_BACKEND_URL' ) ? (string) LEAP_ELEMENTS_BACKEND_URL : (string) self::get( 'backend_url' );
		return untrailingslashit( trim( $url ) );
	}

	/**
	 * The partner secret, from wp-config.php or the settings; '' when not set. Never print it.
	 */
	public static function partner_secret(): string {
		if ( defined( 'LEAP_ELEMENTS_PARTNER_SECRET' ) ) {
			return (string) LEAP_ELEMENTS_PARTNER_SECRET;
		}
		return (string) get_option( self::SECRET_OPTION, '' );
	}

	/**
	 * Whether visitors who are not logged in get a guest session.
	 */
	public static function guests_allowed(): bool {
		return (bool) self::get( 'guests' );
	}

	/**
	 * A site name for customer references from the site's address: host and path, with what Leap refuses turned into
	 * dashes ("shop.example.com", "example.com-shop").
	 *
	 * @param string $url The site's address.
	 */
	public static function site_name_from_url( string $url ): string {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		$port = wp_parse_url( $url, PHP_URL_PORT );
		$path = trim( (string) wp_parse_url( $url, PHP_URL_PATH ), '/' );
		$name = $host . ( $port ? ':' . $port : '' ) . ( '' !== $path ? '-' . $path : '' );
		$name = trim( (string) preg_replace( '/[^A-Za-z0-9.:_-]+/', '-', $name ), '-' );
		return '' !== $name ? substr( $name, 0, 100 ) : 'wordpress';
	}

	/**
	 * Validates the settings form. A value that does not pass keeps the one stored before, with a message saying why.
	 *
	 * @param mixed $input What the form sent.
	 * @return array<string, mixed>
	 */
	public static function sanitize( $input ): array {
		$input = is_array( $input ) ? wp_unslash( $input ) : array();
		$old   = self::all();
		$new   = $old;

		$url = trim( (string) ( $input['backend_url'] ?? '' ) );
		if ( '' === $url ) {
			$new['backend_url'] = '';
		} elseif ( self::valid_backend_url( $url ) ) {
			$new['backend_url'] = untrailingslashit( esc_url_raw( $url, array( 'http', 'https' ) ) );
			if ( 'http' === wp_parse_url( $url, PHP_URL_SCHEME ) && ! self::is_local_host( (string) wp_parse_url( $url, PHP_URL_HOST ) ) ) {
				self::message(
					'backend_url_http',
					__( 'The backend URL uses http:// on a host that is not this machine: the partner secret would cross the network unencrypted. Use https:// unless the backend is on a private network.', 'leap-elements' ),
					'warning'
				);
			}
		} else {
			self::message( 'backend_url', __( 'The backend URL must be a full http:// or https:// address with no query, such as https://leap.example.com/api/leap. The previous value was kept.', 'leap-elements' ) );
		}

		foreach ( array( 'org', 'flow' ) as $key ) {
			$value = sanitize_text_field( (string) ( $input[ $key ] ?? '' ) );
			if ( '' === $value || preg_match( '/^[A-Za-z0-9._-]{1,100}$/', $value ) ) {
				$new[ $key ] = $value;
			} else {
				/* translators: %s: the setting's name, "Leap org" or "Connect flow". */
				self::message( $key, sprintf( __( '%s may hold only letters, digits, dots, dashes and underscores, as Leap gives it to you. The previous value was kept.', 'leap-elements' ), 'org' === $key ? __( 'Leap org', 'leap-elements' ) : __( 'Connect flow', 'leap-elements' ) ) );
			}
		}

		$ids = preg_replace( '/\s+/', '', (string) ( $input['device_ids'] ?? '' ) );
		if ( '' === $ids || preg_match( '/^\d{1,12}(,\d{1,12}){0,49}$/', $ids ) ) {
			$new['device_ids'] = $ids;
		} else {
			self::message( 'device_ids', __( 'Default device ids must be Leap device ids separated by commas, such as 123,456. The previous value was kept.', 'leap-elements' ) );
		}

		$theme        = (string) ( $input['theme'] ?? 'light' );
		$new['theme'] = in_array( $theme, self::THEMES, true ) ? $theme : 'light';

		$accent = trim( (string) ( $input['accent'] ?? '' ) );
		if ( '' === $accent || sanitize_hex_color( $accent ) ) {
			$new['accent'] = $accent;
			$text          = 'dark' === $new['theme'] ? '#0b1f17' : '#ffffff';
			if ( '' !== $accent && self::contrast( $accent, $text ) < 4.5 ) {
				self::message(
					'accent_contrast',
					/* translators: %s: a contrast ratio such as 2.8. */
					sprintf( __( 'The accent colour was saved, but button text on it has a contrast of only %s:1; customers need 4.5:1 to read it (WCAG 2.2 AA). Choose a darker colour for the light theme, a lighter one for the dark theme.', 'leap-elements' ), number_format_i18n( self::contrast( $accent, $text ), 1 ) ),
					'warning'
				);
			}
		} else {
			self::message( 'accent', __( 'The accent colour must be a hex colour such as #0b6e4f. The previous value was kept.', 'leap-elements' ) );
		}

		$language        = (string) ( $input['language'] ?? '' );
		$new['language'] = in_array( $language, self::LANGUAGES, true ) ? $language : '';

		$new['guests'] = ! empty( $input['guests'] );

		$site_name = trim( (string) ( $input['site_name'] ?? '' ) );
		if ( '' === $site_name ) {
			$new['site_name'] = self::defaults()['site_name'];
		} elseif ( preg_match( '/^[A-Za-z0-9.:_-]{1,100}$/', $site_name ) ) {
			$new['site_name'] = $site_name;
		} else {
			self::message( 'site_name', __( 'The site name in customer references may hold only letters, digits, dots, colons, dashes and underscores (at most 100). The previous value was kept.', 'leap-elements' ) );
		}

		// The health notice follows the new settings at once.
		Leap_Elements_Health::forget();
		return $new;
	}

	/**
	 * Validates a new partner secret. An empty field keeps the stored one (the page never shows it); the "forget"
	 * checkbox removes it.
	 *
	 * @param mixed $input What the form sent.
	 */
	public static function sanitize_secret( $input ): string {
		$stored = (string) get_option( self::SECRET_OPTION, '' );
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- options.php checked the nonce before sanitizing.
		if ( ! empty( $_POST['leap_elements_forget_secret'] ) ) {
			return '';
		}
		$secret = is_string( $input ) ? trim( wp_unslash( $input ) ) : '';
		if ( '' === $secret || $secret === $stored ) {
			return $stored;
		}
		if ( strlen( $secret ) < self::MIN_SECRET_BYTES || preg_match( '/[\s\x00-\x1f\x7f]/', $secret ) ) {
			/* translators: %d: the minimum length in bytes. */
			self::message( 'partner_secret', sprintf( __( 'The partner secret must be at least %d characters with no spaces, the same value as LEAP_PARTNER_SECRET on your backend (generate one with: openssl rand -base64 48). The previous secret was kept.', 'leap-elements' ), self::MIN_SECRET_BYTES ) );
			return $stored;
		}
		Leap_Elements_Health::forget();
		return $secret;
	}

	/**
	 * Whether a URL can be the backend's base: http(s), a host, no credentials, query or fragment.
	 *
	 * @param string $url The URL.
	 */
	public static function valid_backend_url( string $url ): bool {
		$parts = wp_parse_url( $url );
		return is_array( $parts )
			&& in_array( strtolower( $parts['scheme'] ?? '' ), array( 'http', 'https' ), true )
			&& ! empty( $parts['host'] )
			&& ! isset( $parts['user'] )
			&& ! isset( $parts['pass'] )
			&& ! isset( $parts['query'] )
			&& ! isset( $parts['fragment'] );
	}

	/**
	 * The WCAG contrast ratio of two hex colours.
	 *
	 * @param string $first  #rgb or #rrggbb.
	 * @param string $second #rgb or #rrggbb.
	 */
	public static function contrast( string $first, string $second ): float {
		$luminance = static function ( string $hex ): float {
			$hex = ltrim( $hex, '#' );
			if ( 3 === strlen( $hex ) ) {
				$hex = $hex[0] . $hex[0] . $hex[1] . $hex[1] . $hex[2] . $hex[2];
			}
			$channels = array_map(
				static function ( string $pair ): float {
					$value = hexdec( $pair ) / 255;
					return $value <= 0.04045 ? $value / 12.92 : ( ( $value + 0.055 ) / 1.055 ) ** 2.4;
				},
				str_split( $hex, 2 )
			);
			return 0.2126 * $channels[0] + 0.7152 * $channels[1] + 0.0722 * $channels[2];
		};
		$values = array( $luminance( $first ), $luminance( $second ) );
		return ( max( $values ) + 0.05 ) / ( min( $values ) + 0.05 );
	}

	/**
	 * Whether a host is this machine.
	 *
	 * @param string $host Host name or address.
	 */
	public static function is_local_host( string $host ): bool {
		return in_array( strtolower( trim( $host, '[]' ) ), array( 'localhost', '127.0.0.1', '::1' ), true )
			|| str_starts_with( $host, '127.' );
	}

	/**
	 * One message on the settings page, at most once per save (WordPress may sanitize a new option twice).
	 *
	 * @param string $code    Message id.
	 * @param string $message Text.
	 * @param string $type    error or warning.
	 */
	private static function message( string $code, string $message, string $type = 'error' ): void {
		foreach ( get_settings_errors( self::OPTION ) as $existing ) {
			if ( $existing['code'] === $code ) {
				return;
			}
		}
		add_settings_error( self::OPTION, $code, $message, $type );
	}
}
