// Response shapes the origin's routes return: { status, headers?, body? }.

export function notFound() {
  return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: 'Not Found\n' };
}

export function plainText(status, text) {
  return { status, headers: { 'Content-Type': 'text/plain' }, body: text };
}

export function json(status, value) {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: JSON.stringify(value) };
}
