<?php
/**
 * Settings → Leap Elements: the backend and its partner secret (with "Test connection"), customers, the connect
 * button's org and flow, the checker's default devices, theme and language. Saved through options.php (capability
 * manage_options and the settings nonce); the partner secret is never printed, only whether one is saved.
 *
 * @package LeapElements
 */

defined( 'ABSPATH' ) || exit;

/**
 * The settings page.
 */
final class Leap_Elements_Admin_Page {

	const SLUG  = 'leap-elements';
	const GROUP = 'leap_elements';

	/**
	 * Hooks.
	 */
	public static function register_hooks(): void {
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
		add_action( 'admin_init', array( __CLASS__, 'register_settings' ) );
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( LEAP_ELEMENTS_FILE ), array( __CLASS__, 'action_links' ) );
	}

	/**
	 * Adds the page under Settings.
	 */
	public static function add_page(): void {
		add_options_page( __( 'Leap Elements', 'leap-elements' ), __( 'Leap Elements', 'leap-elements' ), 'manage_options', self::SLUG, array( __CLASS__, 'render' ) );
	}

	/**
	 * A "Settings" link beside Deactivate on the Plugins screen.
	 *
	 * @param array<int|string, string> $links The plugin's links.
	 * @return array<int|string, string>
	 */
	public static function action_links( $links ) {
		array_unshift( $links, sprintf( '<a href="%s">%s</a>', esc_url( self::url() ), esc_html__( 'Settings', 'leap-elements' ) ) );
		return $links;
	}

	/**
	 * The page's URL.
	 */
	public static function url(): string {
		return admin_url( 'options-general.php?page=' . self::SLUG );
	}

	/**
	 * Registers both options, their sections and fields.
	 */
	public static function register_settings(): void {
		register_setting(
			self::GROUP,
			Leap_Elements_Settings::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( 'Leap_Elements_Settings', 'sanitize' ),
				'default'           => Leap_Elements_Settings::defaults(),
				'show_in_rest'      => false,
			)
		);
		register_setting(
			self::GROUP,
			Leap_Elements_Settings::SECRET_OPTION,
			array(
				'type'              => 'string',
				'sanitize_callback' => array( 'Leap_Elements_Settings', 'sanitize_secret' ),
				'show_in_rest'      => false,
			)
		);

		$sections = array(
			'connection' => array( __( 'Backend', 'leap-elements' ), __( 'Your leap-elements backend (npx leap-elements serve, its Docker image, or any createLeapHandler deployment) holds your Leap API key. This site asks it for each customer\'s session with the partner secret, and forwards the elements\' calls to it.', 'leap-elements' ) ),
			'customers'  => array( __( 'Customers', 'leap-elements' ), __( 'A logged-in user is always the same customer for Leap: their meters and applications follow them. A visitor who is not logged in can use the incentive checker and the connect button as a guest when you allow it.', 'leap-elements' ) ),
			'defaults'   => array( __( 'Defaults for your pages', 'leap-elements' ), __( 'Each block and shortcode can set its own; these apply where it does not.', 'leap-elements' ) ),
		);
		foreach ( $sections as $id => list( $title, $text ) ) {
			add_settings_section(
				'leap_elements_' . $id,
				$title,
				static function () use ( $text ) {
					echo '<p>' . esc_html( $text ) . '</p>';
				},
				self::SLUG
			);
		}

		$fields = array(
			array( 'backend_url', __( 'Backend URL', 'leap-elements' ), 'connection', 'backend_url_field' ),
			array( 'partner_secret', __( 'Partner secret', 'leap-elements' ), 'connection', 'secret_field' ),
			array( 'guests', __( 'Visitors', 'leap-elements' ), 'customers', 'guests_field' ),
			array( 'site_name', __( 'Site name in references', 'leap-elements' ), 'customers', 'site_name_field' ),
			array( 'org', __( 'Leap org', 'leap-elements' ), 'defaults', 'text_field' ),
			array( 'flow', __( 'Connect flow', 'leap-elements' ), 'defaults', 'text_field' ),
			array( 'device_ids', __( 'Device ids', 'leap-elements' ), 'defaults', 'text_field' ),
			array( 'theme', __( 'Theme', 'leap-elements' ), 'defaults', 'theme_field' ),
			array( 'accent', __( 'Accent colour', 'leap-elements' ), 'defaults', 'text_field' ),
			array( 'language', __( 'Language', 'leap-elements' ), 'defaults', 'language_field' ),
		);
		foreach ( $fields as list( $key, $label, $section, $callback ) ) {
			add_settings_field(
				'leap-elements-' . $key,
				$label,
				array( __CLASS__, $callback ),
				self::SLUG,
				'leap_elements_' . $section,
				array(
					'key'       => $key,
					'label_for' => 'leap-elements-' . str_replace( '_', '-', $key ),
				)
			);
		}
	}

	/**
	 * The admin script and its strings, on this page only.
	 *
	 * @param string $hook_suffix The admin page.
	 */
	public static function enqueue( $hook_suffix ): void {
		if ( 'settings_page_' . self::SLUG !== $hook_suffix ) {
			return;
		}
		wp_enqueue_script( 'leap-elements-admin', plugins_url( 'assets/admin.js', LEAP_ELEMENTS_FILE ), array( 'wp-api-fetch', 'wp-i18n' ), LEAP_ELEMENTS_VERSION, true );
		wp_set_script_translations( 'leap-elements-admin', 'leap-elements', LEAP_ELEMENTS_DIR . 'languages' );
		wp_enqueue_style( 'leap-elements-admin', plugins_url( 'assets/admin.css', LEAP_ELEMENTS_FILE ), array(), LEAP_ELEMENTS_VERSION );
	}

	/**
	 * The page.
	 */
	public static function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		?>
		<div class="wrap leap-elements-settings">
			<h1><?php esc_html_e( 'Leap Elements', 'leap-elements' ); ?></h1>
			<?php // Saved and refused values are reported by WordPress above the page (options-head.php). ?>
			<form action="options.php" method="post">
				<?php
				settings_fields( self::GROUP );
				do_settings_sections( self::SLUG );
				submit_button();
				?>
			</form>
			<?php self::usage(); ?>
		</div>
		<?php
	}

	/**
	 * The backend URL, with the test button and where its results appear.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function backend_url_field( array $args ): void {
		$fixed = defined( 'LEAP_ELEMENTS_BACKEND_URL' );
		printf(
			'<input type="url" class="regular-text code" id="%1$s" name="%2$s" value="%3$s" placeholder="https://leap.example.com/api/leap" %4$s />',
			esc_attr( $args['label_for'] ),
			esc_attr( Leap_Elements_Settings::OPTION . '[backend_url]' ),
			esc_attr( Leap_Elements_Settings::backend_url() ),
			$fixed ? 'readonly' : ''
		);
		echo '<p class="description">';
		if ( $fixed ) {
			esc_html_e( 'Set in wp-config.php (LEAP_ELEMENTS_BACKEND_URL).', 'leap-elements' );
		} else {
			esc_html_e( 'With its base path: http://127.0.0.1:8787/api/leap for leap-elements serve on this machine.', 'leap-elements' );
		}
		echo '</p>';
	}

	/**
	 * The partner secret: never shown, only whether one is saved.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function secret_field( array $args ): void {
		if ( defined( 'LEAP_ELEMENTS_PARTNER_SECRET' ) ) {
			echo '<p>' . esc_html__( 'Set in wp-config.php (LEAP_ELEMENTS_PARTNER_SECRET).', 'leap-elements' ) . '</p>';
		} else {
			$saved = '' !== (string) get_option( Leap_Elements_Settings::SECRET_OPTION, '' );
			printf(
				'<input type="password" class="regular-text code" id="%1$s" name="%2$s" value="" autocomplete="new-password" spellcheck="false" placeholder="%3$s" aria-describedby="leap-elements-secret-status" />',
				esc_attr( $args['label_for'] ),
				esc_attr( Leap_Elements_Settings::SECRET_OPTION ),
				esc_attr( $saved ? '••••••••••••••••••••••••' : '' )
			);
			echo '<p class="description" id="leap-elements-secret-status">';
			if ( $saved ) {
				esc_html_e( 'A secret is saved; it is never shown again. Type a new one to replace it, or leave the field empty to keep it.', 'leap-elements' );
				echo '</p><p><label><input type="checkbox" name="leap_elements_forget_secret" value="1" /> ' . esc_html__( 'Forget the saved secret', 'leap-elements' ) . '</label>';
			} else {
				esc_html_e( 'The value of LEAP_PARTNER_SECRET on your backend (generate one with: openssl rand -base64 48). It stays on this server.', 'leap-elements' );
			}
			echo '</p>';
		}
		printf(
			'<p><button type="button" class="button" id="leap-elements-test" aria-describedby="leap-elements-test-results">%s</button></p><div id="leap-elements-test-results" class="leap-elements-test-results" aria-live="polite"></div>',
			esc_html__( 'Test connection', 'leap-elements' )
		);
	}

	/**
	 * Whether visitors get guest sessions.
	 */
	public static function guests_field(): void {
		printf(
			'<label><input type="checkbox" id="leap-elements-guests" name="%1$s" value="1" %2$s /> %3$s</label><p class="description">%4$s</p>',
			esc_attr( Leap_Elements_Settings::OPTION . '[guests]' ),
			checked( Leap_Elements_Settings::guests_allowed(), true, false ),
			esc_html__( 'Visitors who are not logged in may check incentives and connect their utility as guests', 'leap-elements' ),
			esc_html__( 'Otherwise they are asked to log in. A guest\'s connection cannot be tied to a user of this site. Account pages (connected devices, rebate applications) always ask visitors to log in.', 'leap-elements' )
		);
	}

	/**
	 * The site name in customer references.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function site_name_field( array $args ): void {
		$value = (string) Leap_Elements_Settings::get( 'site_name' );
		self::text_field( $args );
		printf(
			'<p class="description">%s</p>',
			sprintf(
				/* translators: %s: an example reference id. */
				esc_html__( 'Leap knows the user with id 42 as %s. Change it only before customers use Leap from this site: their meters and applications stay under the old name.', 'leap-elements' ),
				'<code>' . esc_html( 'wp-user-42@' . $value ) . '</code>'
			)
		);
	}

	/**
	 * A text setting.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function text_field( array $args ): void {
		$hints = array(
			'org'        => __( 'Your organization name at Leap, for the connect button.', 'leap-elements' ),
			'flow'       => __( 'The Leap Connect flow (url-title) the connect button opens.', 'leap-elements' ),
			'device_ids' => __( 'Leap device ids the incentive checker asks about, separated by commas (123,456).', 'leap-elements' ),
			'accent'     => __( 'A hex colour for buttons and links, such as #0b6e4f. Keep it dark enough for white text.', 'leap-elements' ),
		);
		printf(
			'<input type="text" class="regular-text" id="%1$s" name="%2$s" value="%3$s" />',
			esc_attr( $args['label_for'] ),
			esc_attr( Leap_Elements_Settings::OPTION . '[' . $args['key'] . ']' ),
			esc_attr( (string) Leap_Elements_Settings::get( $args['key'] ) )
		);
		if ( isset( $hints[ $args['key'] ] ) ) {
			echo '<p class="description">' . esc_html( $hints[ $args['key'] ] ) . '</p>';
		}
	}

	/**
	 * The theme.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function theme_field( array $args ): void {
		self::select(
			$args,
			array(
				'light' => __( 'Light', 'leap-elements' ),
				'dark'  => __( 'Dark (for dark page backgrounds)', 'leap-elements' ),
			)
		);
	}

	/**
	 * The language.
	 *
	 * @param array{key: string, label_for: string} $args Field arguments.
	 */
	public static function language_field( array $args ): void {
		self::select(
			$args,
			array(
				''   => __( 'The page\'s language (English unless the site is in Spanish)', 'leap-elements' ),
				'en' => 'English',
				'es' => 'Español',
			)
		);
	}

	/**
	 * A select setting.
	 *
	 * @param array{key: string, label_for: string} $args    Field arguments.
	 * @param array<string, string>                 $choices Value => label.
	 */
	private static function select( array $args, array $choices ): void {
		$current = (string) Leap_Elements_Settings::get( $args['key'] );
		printf( '<select id="%1$s" name="%2$s">', esc_attr( $args['label_for'] ), esc_attr( Leap_Elements_Settings::OPTION . '[' . $args['key'] . ']' ) );
		foreach ( $choices as $value => $label ) {
			printf( '<option value="%1$s" %2$s>%3$s</option>', esc_attr( (string) $value ), selected( $current, (string) $value, false ), esc_html( $label ) );
		}
		echo '</select>';
	}

	/**
	 * How to put the elements on pages.
	 */
	private static function usage(): void {
		$shortcodes = array(
			'[leap_incentive_checker device_ids="123" create_application]' => __( 'Incentive checker', 'leap-elements' ),
			'[leap_connect_button]'     => __( 'Connect your utility', 'leap-elements' ),
			'[leap_connect_return]'     => __( 'Utility connected (the page Leap sends customers back to)', 'leap-elements' ),
			'[leap_enrollment_status]'  => __( 'Connected devices (account page)', 'leap-elements' ),
			'[leap_application_status]' => __( 'Rebate applications (account page)', 'leap-elements' ),
		);
		echo '<h2>' . esc_html__( 'On your pages', 'leap-elements' ) . '</h2>';
		echo '<p>' . esc_html__( 'Add the blocks of the same names in the editor, or these shortcodes anywhere shortcodes work. Only pages that show one load the element files.', 'leap-elements' ) . '</p>';
		echo '<table class="widefat striped leap-elements-usage"><tbody>';
		foreach ( $shortcodes as $shortcode => $what ) {
			printf( '<tr><td><code>%1$s</code></td><td>%2$s</td></tr>', esc_html( $shortcode ), esc_html( $what ) );
		}
		echo '</tbody></table>';
	}
}
