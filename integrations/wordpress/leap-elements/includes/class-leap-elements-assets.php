<?php
/**
 * The element files this plugin carries (its own copy of leap-elements' CDN loader, under a versioned folder so a
 * browser never mixes an old cached file with new hashes) and how a page gets them: only a page that shows an element
 * loads the loader, which then loads only the files of the elements on the page. Every file is checked by the
 * browser against the hash the build recorded (Subresource Integrity; the import map's integrity for the files the
 * loader imports).
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers and prints the loader and the stylesheet.
 */
final class Leap_Elements_Assets {

	const LOADER = 'leap-elements-loader';
	const STYLE  = 'leap-elements';

	/** The dark palette of the elements' documentation. */
	const DARK = array(
		'--leap-color-surface'    => '#1e2329',
		'--leap-color-text'       => '#e8eaed',
		'--leap-color-border'     => '#4a5560',
		'--leap-color-muted'      => '#b4bdc7',
		'--leap-color-primary'    => '#7fd1ae',
		'--leap-color-on-primary' => '#0b1f17',
		'--leap-color-success'    => '#7fd1ae',
		'--leap-color-danger'     => '#ffb4ab',
		'--leap-color-focus'      => '#9ecaff',
	);

	/** The tags the stylesheet's theme applies to. */
	const TAGS = 'leap-incentive-checker, leap-connect-button, leap-connect-return, leap-enrollment-status, leap-application-status';

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		add_action( 'init', array( __CLASS__, 'register' ) );
		add_action( 'wp_enqueue_scripts', array( __CLASS__, 'enqueue_for_main_content' ) );
		add_action( 'enqueue_block_editor_assets', array( __CLASS__, 'enqueue' ) );
		add_filter( 'script_loader_tag', array( __CLASS__, 'loader_tag' ), 10, 2 );
	}

	/**
	 * The folder of the element files, relative to the plugin.
	 */
	public static function files_dir(): string {
		return 'assets/cdn-' . LEAP_ELEMENTS_VERSION . '/';
	}

	/**
	 * Whether the element files are there (a copy from the release zip; a copy of the source folder has none).
	 */
	public static function files_present(): bool {
		return is_readable( LEAP_ELEMENTS_DIR . self::files_dir() . 'integrity.php' );
	}

	/**
	 * The recorded hashes: file (relative to the files' folder) => sha384-….
	 *
	 * @return array<string, string>
	 */
	public static function integrity(): array {
		static $hashes = null;
		if ( null === $hashes ) {
			$hashes = self::files_present() ? (array) require LEAP_ELEMENTS_DIR . self::files_dir() . 'integrity.php' : array();
		}
		return $hashes;
	}

	/**
	 * Registers the loader (in the footer, without a version query: the folder is versioned) and the stylesheet.
	 */
	public static function register(): void {
		wp_register_script( self::LOADER, self::file_url( 'loader.js' ), array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion
		wp_register_style( self::STYLE, plugins_url( 'assets/leap-elements.css', LEAP_ELEMENTS_FILE ), array(), LEAP_ELEMENTS_VERSION );
		$theme = self::theme_css();
		if ( '' !== $theme ) {
			wp_add_inline_style( self::STYLE, $theme );
		}
	}

	/**
	 * Loads the elements on this page. Called by every shortcode and block as it renders, so a page gets them wherever
	 * an element is (content, widget, template) and no other page does.
	 */
	public static function enqueue(): void {
		if ( ! self::files_present() ) {
			return;
		}
		wp_enqueue_script( self::LOADER );
		wp_enqueue_style( self::STYLE );
	}

	/**
	 * Starts the stylesheet in the page's head when the main content already shows an element (with a classic theme
	 * the content renders after the head, and the reserved space should hold from the first paint).
	 */
	public static function enqueue_for_main_content(): void {
		$post = is_singular() ? get_post() : null;
		if ( ! $post ) {
			return;
		}
		$uses = str_contains( $post->post_content, '<!-- wp:leap-elements/' );
		foreach ( array_keys( Leap_Elements_Shortcodes::TAGS ) as $shortcode ) {
			$uses = $uses || has_shortcode( $post->post_content, $shortcode );
		}
		if ( $uses ) {
			self::enqueue();
		}
	}

	/**
	 * The loader's tag: the import map with the integrity of every file the loader may import, a preload of the
	 * chunk every element needs, and the loader's own checked tag.
	 *
	 * @param string $tag    The tag WordPress made.
	 * @param string $handle The script's handle.
	 */
	public static function loader_tag( $tag, $handle ) {
		if ( self::LOADER !== $handle ) {
			return $tag;
		}
		$hashes = self::integrity();
		$map    = array();
		foreach ( $hashes as $file => $hash ) {
			if ( 'loader.js' !== $file ) {
				$map[ self::file_url( $file ) ] = $hash;
			}
		}
		$json = wp_json_encode( array( 'integrity' => $map ), JSON_UNESCAPED_SLASHES | JSON_HEX_TAG | JSON_HEX_AMP );
		return sprintf(
			"<script type=\"importmap\">%s</script>\n<link rel=\"modulepreload\" href=\"%s\" integrity=\"%s\" crossorigin=\"anonymous\" />\n<script type=\"module\" src=\"%s\" integrity=\"%s\" crossorigin=\"anonymous\"></script>\n",
			$json,
			esc_url( self::file_url( 'chunks/reactive-element.js' ) ),
			esc_attr( $hashes['chunks/reactive-element.js'] ?? '' ),
			esc_url( self::file_url( 'loader.js' ) ),
			esc_attr( $hashes['loader.js'] ?? '' )
		);
	}

	/**
	 * The URL of one element file.
	 *
	 * @param string $file Path relative to the files' folder.
	 */
	private static function file_url( string $file ): string {
		return plugins_url( self::files_dir() . $file, LEAP_ELEMENTS_FILE );
	}

	/**
	 * The theme settings as CSS custom properties on the elements.
	 */
	private static function theme_css(): string {
		$properties = 'dark' === Leap_Elements_Settings::get( 'theme' ) ? self::DARK : array();
		$accent     = sanitize_hex_color( (string) Leap_Elements_Settings::get( 'accent' ) );
		if ( $accent ) {
			$properties['--leap-color-primary'] = $accent;
		}
		if ( ! $properties ) {
			return '';
		}
		$css = '';
		foreach ( $properties as $name => $value ) {
			$css .= $name . ':' . $value . ';';
		}
		return self::TAGS . '{' . $css . '}';
	}
}
