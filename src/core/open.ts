/** A string union that still accepts (and types) values added after this release. */
export type Open<T extends string> = T | (string & {});
