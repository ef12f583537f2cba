/** The hono environment every route family shares: the customer, once the session token is checked. */
export type BackendEnv = { Variables: { referenceId: string } };
