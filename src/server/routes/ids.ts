/** Ids accepted in a path before anything is asked of Leap: anything else is a 404 at once. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
