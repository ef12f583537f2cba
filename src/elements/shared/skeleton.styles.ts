import { css } from 'lit';

/** Loading skeletons that reserve the space of what is loading (elements that load data). */
export const skeletons = css`
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
