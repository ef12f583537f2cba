import { css } from 'lit';

/**
 * Loading skeletons that reserve the space of what is loading (elements that load data): tints of the text colour on
 * the background, so they show on either theme; outlined in forced-colours mode, where backgrounds are dropped.
 */
export const skeletons = css`
  .skeleton {
    --_tint: color-mix(in srgb, var(--_text) 10%, var(--_bg));
    border-radius: var(--_radius);
    background: linear-gradient(
      90deg,
      var(--_tint) 25%,
      color-mix(in srgb, var(--_text) 4%, var(--_bg)) 37%,
      var(--_tint) 63%
    );
    background-size: 400% 100%;
    animation: leap-shimmer 1.4s ease infinite;
  }
  .skeleton.line {
    height: 1.25rem;
  }
  .skeleton.short {
    width: 40%;
  }
  .skeleton.box {
    height: 5rem;
  }
  @keyframes leap-shimmer {
    from {
      background-position: 100% 50%;
    }
    to {
      background-position: 0 50%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .skeleton {
      border: 1px dashed GrayText;
    }
  }
`;
