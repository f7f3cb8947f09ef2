// Without `import type {} from 'ams-cdn-player/react'` React knows no such tag: the typing is what adds it.
export function Player() {
  // @ts-expect-error unknown to React's JSX until the package's React typing is imported
  return <ams-cdn-player stream-id="stream01" />;
}
