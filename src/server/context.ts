/** The hono environment every route family shares. */
export type BackendEnv = {
  Variables: {
    /** The customer, once the session token is checked. */
    referenceId: string;
    /** The request's `Origin`, when it is neither listed nor the backend's own (answered 403 after the IP limit). */
    refusedOrigin: string | undefined;
    /** The headers every answer carries, until they join one (answer-headers.ts). */
    answerHeaders: Record<string, string> | undefined;
  };
};
