// CORS as the distribution's response-headers policy sets it.

/** As a response-headers policy with CORS would add them; Age must be readable from script. */
export const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Age, X-Cache, Date',
};

/**
 * The CORS headers for one viewer request. With `credentials` on, as a response-headers policy with
 * "Access-Control-Allow-Credentials" and the viewer's origin echoed: what cookies across origins
 * need (a wildcard origin fails them in the browser).
 * @param {import('node:http').IncomingMessage} request @param {boolean} credentials
 */
export function corsHeadersFor(request, credentials) {
  const origin = request.headers.origin;
  if (!credentials || !origin) return corsHeaders;
  return { ...corsHeaders, 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/** A preflight's answer: every method the edge and its admin routes take. @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response @param {boolean} credentials */
export function answerPreflight(request, response, credentials) {
  response.writeHead(204, {
    ...corsHeadersFor(request, credentials),
    'access-control-allow-methods': 'GET, HEAD, OPTIONS, PUT, POST, DELETE',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
  });
  response.end();
}
