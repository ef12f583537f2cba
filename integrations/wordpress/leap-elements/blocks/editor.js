/**
 * The Leap Elements blocks in the editor: each block's settings in the sidebar, and the live element as the server
 * renders it (the loader in the editor defines it, so the preview is the working element). Plain JavaScript over the
 * wp.* globals: no build step.
 */
(function (wp) {
  const { registerBlockType } = wp.blocks;
  const { createElement: el, Fragment } = wp.element;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { Disabled, PanelBody, SelectControl, TextControl, ToggleControl } = wp.components;
  const ServerSideRender = wp.serverSideRender;
  const { __ } = wp.i18n;

  /** A text field for one attribute; with `number`, a number field where empty (0) means the element's default. */
  const text =
    (attribute, label, help, number = false) =>
    (props) =>
      el(TextControl, {
        key: attribute,
        label,
        help,
        ...(number ? { type: 'number', min: 0 } : {}),
        value: (number ? props.attributes[attribute] || '' : props.attributes[attribute]) ?? '',
        onChange: (value) => props.setAttributes({ [attribute]: number ? Number(value) || 0 : value }),
      });
  const number = (attribute, label, help) => text(attribute, label, help, true);

  /** An on/off switch for one attribute. */
  const toggle = (attribute, label, help) => (props) =>
    el(ToggleControl, {
      key: attribute,
      label,
      help,
      checked: Boolean(props.attributes[attribute]),
      onChange: (value) => props.setAttributes({ [attribute]: value }),
    });

  /** A choice among options for one attribute. */
  const select = (attribute, label, options) => (props) =>
    el(SelectControl, {
      key: attribute,
      label,
      options,
      value: props.attributes[attribute] ?? '',
      onChange: (value) => props.setAttributes({ [attribute]: value }),
    });

  const language = select('lang', __('Language', 'leap-elements'), [
    { label: __('As in the settings', 'leap-elements'), value: '' },
    { label: 'English', value: 'en' },
    { label: 'Español', value: 'es' },
  ]);
  /** The connect button's "open in a new tab" switch stores the element's target. */
  const newTab = (props) =>
    el(ToggleControl, {
      key: 'target',
      label: __('Open in a new tab', 'leap-elements'),
      checked: props.attributes.target === '_blank',
      onChange: (value) => props.setAttributes({ target: value ? '_blank' : '' }),
    });
  const heading = text(
    'heading',
    __('Heading', 'leap-elements'),
    __('Leave empty for the default heading.', 'leap-elements'),
  );

  /** Each block's settings, in the order the sidebar shows them. */
  const CONTROLS = {
    'leap-elements/incentive-checker': [
      text(
        'deviceIds',
        __('Device ids', 'leap-elements'),
        __('Leap device ids, separated by commas. Empty: the default from the settings.', 'leap-elements'),
      ),
      text(
        'deviceNames',
        __('Device names', 'leap-elements'),
        __('Or your product names, separated by commas.', 'leap-elements'),
      ),
      select('buildingType', __('Building type', 'leap-elements'), [
        { label: __('Residential (default)', 'leap-elements'), value: '' },
        { label: __('Multifamily', 'leap-elements'), value: 'MULTIFAMILY' },
        { label: __('Manufactured home', 'leap-elements'), value: 'MANUFACTURED_HOME' },
        { label: __('Commercial', 'leap-elements'), value: 'COMMERCIAL' },
      ]),
      toggle('lockBuildingType', __('Hide the building type choice', 'leap-elements')),
      toggle(
        'createApplication',
        __('Offer a claim link', 'leap-elements'),
        __('Leap opens an application, so an eligible result links to the claim.', 'leap-elements'),
      ),
      text(
        'addressForm',
        __('Address form id', 'leap-elements'),
        __(
          'The id of a form on the page that already asks for the address (checkout). Empty: the checker asks itself.',
          'leap-elements',
        ),
      ),
      heading,
      text(
        'footer',
        __('Footer', 'leap-elements'),
        __('A line under the result, such as your terms.', 'leap-elements'),
      ),
      language,
    ],
    'leap-elements/connect-button': [
      text('label', __('Label', 'leap-elements'), __('Empty: "Connect your utility".', 'leap-elements')),
      text('org', __('Leap org', 'leap-elements'), __('Empty: the one in the settings.', 'leap-elements')),
      text('flow', __('Connect flow', 'leap-elements'), __('Empty: the one in the settings.', 'leap-elements')),
      text(
        'utility',
        __('Utility', 'leap-elements'),
        __('A utility id such as pge, when you know it.', 'leap-elements'),
      ),
      select('mode', __('Flow', 'leap-elements'), [
        { label: __('Automatic', 'leap-elements'), value: '' },
        { label: __('Direct to utility', 'leap-elements'), value: 'direct' },
        { label: __('Leap Connect', 'leap-elements'), value: 'connect' },
      ]),
      newTab,
      language,
    ],
    'leap-elements/connect-return': [
      text(
        'message',
        __('Message', 'leap-elements'),
        __('Shown when the customer comes back from Leap.', 'leap-elements'),
      ),
      number('waitSeconds', __('Seconds to wait for the meters', 'leap-elements')),
      language,
    ],
    'leap-elements/enrollment-status': [
      heading,
      select('meterType', __('Show', 'leap-elements'), [
        { label: __('Every meter and device', 'leap-elements'), value: '' },
        { label: __('Utility meters', 'leap-elements'), value: 'UTILITY_METER' },
        { label: __('Submeters', 'leap-elements'), value: 'SUBMETER' },
        { label: __('Devices', 'leap-elements'), value: 'DEVICE' },
      ]),
      number(
        'pollInterval',
        __('Refresh every (seconds)', 'leap-elements'),
        __('At least 60; empty: no refresh.', 'leap-elements'),
      ),
      toggle('showConnectButton', __('Offer the connect button when nothing is connected', 'leap-elements')),
      language,
    ],
    'leap-elements/application-status': [heading, language],
  };

  for (const [name, controls] of Object.entries(CONTROLS)) {
    registerBlockType(name, {
      edit(props) {
        const preview = el(ServerSideRender, { block: name, attributes: props.attributes });
        return el(
          Fragment,
          null,
          el(
            InspectorControls,
            null,
            el(
              PanelBody,
              { title: __('Settings', 'leap-elements') },
              controls.map((control) => control(props)),
            ),
          ),
          // A link in the editor must not navigate away from it.
          el('div', useBlockProps(), name === 'leap-elements/connect-button' ? el(Disabled, null, preview) : preview),
        );
      },
      save: () => null,
    });
  }
})(window.wp);
