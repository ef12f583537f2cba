<?php
/**
 * The five blocks (blocks/<name>/block.json), rendered on the server by the same code as the shortcodes. In the
 * editor each shows the live element (the server's rendering, with the loader in the editor), and its main attributes
 * as block settings (blocks/editor.js: plain JavaScript over the wp.* globals, no build step).
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers and renders the blocks.
 */
final class Leap_Elements_Blocks {

	const EDITOR_SCRIPT = 'leap-elements-blocks';

	/** Block folder => element. */
	const BLOCKS = array(
		'incentive-checker'  => 'leap-incentive-checker',
		'connect-button'     => 'leap-connect-button',
		'connect-return'     => 'leap-connect-return',
		'enrollment-status'  => 'leap-enrollment-status',
		'application-status' => 'leap-application-status',
	);

	/** Block attributes that become content inside the element rather than attributes of it. */
	const CONTENT = array( 'heading', 'footer', 'label', 'message', 'showConnectButton' );

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		add_action( 'init', array( __CLASS__, 'register' ) );
	}

	/**
	 * Registers the editor script, then each block from its block.json.
	 */
	public static function register(): void {
		wp_register_script(
			self::EDITOR_SCRIPT,
			plugins_url( 'blocks/editor.js', LEAP_ELEMENTS_FILE ),
			array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render', 'wp-i18n' ),
			LEAP_ELEMENTS_VERSION,
			true
		);
		wp_set_script_translations( self::EDITOR_SCRIPT, 'leap-elements', LEAP_ELEMENTS_DIR . 'languages' );
		foreach ( array_keys( self::BLOCKS ) as $folder ) {
			register_block_type( LEAP_ELEMENTS_DIR . 'blocks/' . $folder, array( 'render_callback' => array( __CLASS__, 'render' ) ) );
		}
	}

	/**
	 * Renders one block.
	 *
	 * @param array<string, mixed> $attributes The block's attributes.
	 * @param string               $content    Saved content (none: the blocks are dynamic).
	 * @param WP_Block|null        $block      The block.
	 */
	public static function render( $attributes, $content = '', $block = null ): string {
		$name = $block instanceof WP_Block ? $block->name : '';
		$tag  = self::BLOCKS[ substr( $name, strlen( 'leap-elements/' ) ) ] ?? null;
		if ( null === $tag ) {
			return '';
		}
		$attributes = is_array( $attributes ) ? $attributes : array();
		$element    = array();
		foreach ( $attributes as $key => $value ) {
			if ( ! in_array( $key, self::CONTENT, true ) ) {
				$element[ strtolower( (string) preg_replace( '/[A-Z]/', '-$0', $key ) ) ] = is_numeric( $value ) && 0 == $value ? '' : $value; // phpcs:ignore Universal.Operators.StrictComparisons -- 0 and 0.0 alike mean "not set".
			}
		}
		$inner = self::inner_html( $attributes );
		$html  = 'leap-enrollment-status' === $tag
			? Leap_Elements_Elements::render_enrollment_status( $element, $inner, (bool) ( $attributes['showConnectButton'] ?? true ) )
			: Leap_Elements_Elements::render( $tag, $element, $inner );
		return '' === $html ? '' : '<div ' . get_block_wrapper_attributes() . '>' . $html . '</div>';
	}

	/**
	 * The block's texts as the element's slots: a heading, a footer line, a link label or a message.
	 *
	 * @param array<string, mixed> $attributes The block's attributes.
	 */
	private static function inner_html( array $attributes ): string {
		$html = '';
		$text = static fn ( string $key ): string => trim( (string) ( $attributes[ $key ] ?? '' ) );
		if ( '' !== $text( 'heading' ) ) {
			$html .= '<h2 slot="heading">' . esc_html( $text( 'heading' ) ) . '</h2>';
		}
		if ( '' !== $text( 'label' ) ) {
			$html .= esc_html( $text( 'label' ) );
		}
		if ( '' !== $text( 'message' ) ) {
			$html .= '<p>' . esc_html( $text( 'message' ) ) . '</p>';
		}
		if ( '' !== $text( 'footer' ) ) {
			$html .= '<p slot="footer">' . esc_html( $text( 'footer' ) ) . '</p>';
		}
		return $html;
	}
}
