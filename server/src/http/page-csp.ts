import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every HTML page the server serves (the API
 * reference, the stand-in host): its own scripts, styles and requests only,
 * nothing inline, no plugins, no framing. Pages that size things from data
 * set styles through the CSSOM (`el.style`), which the policy allows.
 */
export const pageCsp = secureHeaders({
  crossOriginResourcePolicy: false,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});
