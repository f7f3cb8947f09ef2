// The main types, with no framework types in the program (test/node/jsx-types.test.mjs).
import { AmsCdnPlayer, streamCandidates, type PlayerErrorDetail, type StatusChangeDetail } from 'ams-cdn-player';

const created: AmsCdnPlayer = document.createElement('ams-cdn-player');
const found: AmsCdnPlayer | null = document.querySelector('ams-cdn-player');
created.hlsConfig = { lowLatencyMode: true };
created.addEventListener('status-change', (event) => {
  const detail = (event as CustomEvent<StatusChangeDetail>).detail;
  console.log(detail.status, found?.streamUrl);
});
const errorDetail: PlayerErrorDetail | null = null;
console.log(errorDetail, streamCandidates({ domain: 'd1234.cloudfront.net', streamId: 'stream01', playOrder: 'hls' }, location));
