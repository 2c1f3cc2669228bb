/** Set by proxy.ts on the link pages: the request's method, which a page can't read otherwise. */
export const METHOD_HEADER = "x-gatehouse-method";
