// Type-checked by test/node/jsx-types.test.mjs against @types/react 19, through the package's exports.
import type {} from 'ams-cdn-player/react';
import type { AmsCdnPlayer, PlayerStatus } from 'ams-cdn-player';
import { useRef } from 'react';

export function Player() {
  const player = useRef<AmsCdnPlayer>(null);
  return (
    <ams-cdn-player
      ref={player}
      className="player"
      domain="d1234.cloudfront.net"
      stream-id="stream01"
      play-order="ll-hls,hls"
      target-latency={3}
      autoplay
      muted
      playsinline
      captions="en"
      no-preview
      hlsConfig={{ maxBufferLength: 10 }}
      onstatus-change={(event) => {
        const status: PlayerStatus = event.detail.status;
        console.log(status, event.detail.previous);
      }}
      onplayer-error={(event) => console.log(event.detail.code, event.detail.attribute)}
      onsource-change={(event) => console.log(event.detail.url)}
    >
      <span slot="waiting-message">Soon</span>
    </ams-cdn-player>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error a property the element does not have */}
      <ams-cdn-player streamIdd="stream01" />
      {/* @ts-expect-error an attribute of the wrong type */}
      <ams-cdn-player stream-id={{ id: 'stream01' }} />
      {/* @ts-expect-error hlsConfig is hls.js's config */}
      <ams-cdn-player hlsConfig={{ maxBufferLength: 'long' }} />
      {/* @ts-expect-error a Boolean attribute is present or not, not text */}
      <ams-cdn-player controls="yes" />
      {/* @ts-expect-error status is the element's output, not an input */}
      <ams-cdn-player status="playing" />
      {/* @ts-expect-error the event detail is typed */}
      <ams-cdn-player onstatus-change={(event) => event.detail.latency} />
    </>
  );
}
