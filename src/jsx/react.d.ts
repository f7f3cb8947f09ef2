// Types <ams-cdn-player> in React 19 JSX: `import type {} from 'ams-cdn-player/react'` once in the app.
// Kept out of the main types so that apps without React need no React types.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AmsCdnPlayer, AmsCdnPlayerJsxProps } from '../index.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ams-cdn-player': DetailedHTMLProps<HTMLAttributes<AmsCdnPlayer>, AmsCdnPlayer> & AmsCdnPlayerJsxProps;
    }
  }
}
