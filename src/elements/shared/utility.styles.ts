import { css } from 'lit';

/** Helpers every element uses: text for screen readers only, and loading skeletons that reserve space. */
export const utilities = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .skeleton {
    border-radius: var(--_radius);
    background: linear-gradient(90deg, #e6e9ec 25%, #f3f5f7 37%, #e6e9ec 63%);
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
`;
