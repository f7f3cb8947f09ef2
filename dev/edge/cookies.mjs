/** Every cookie of a Cookie header, name -> value. @param {string | undefined} header */
export function cookiesOf(header) {
  /** @type {Record<string, string>} */
  const cookies = {};
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key) cookies[key] = value.join('=');
  }
  return cookies;
}
