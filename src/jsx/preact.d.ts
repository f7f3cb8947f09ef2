// Types <ams-cdn-player> in Preact JSX: `import type {} from 'ams-cdn-player/preact'` once in the app.
// Kept out of the main types so that apps without Preact need no Preact types.
import type { JSX } from 'preact';
import type { AmsCdnPlayer, AmsCdnPlayerJsxProps } from '../index.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'ams-cdn-player': JSX.HTMLAttributes<AmsCdnPlayer> & AmsCdnPlayerJsxProps;
    }
  }
}
