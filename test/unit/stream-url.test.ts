import { expect } from '@open-wc/testing';
import { PlayerError } from '../../src/common/player-error.js';
import { credentialedUrl, noCredentials, sendsCookies, type RequestCredentials } from '../../src/urls/request-credentials.js';
import {
  parseAppPath,
  parsePlayOrder,
  previewImageUrl,
  resolveOrigin,
  skippedPlayOrderEntries,
  streamCandidates,
  validateStreamId,
  withAuthParams,
  type AuthParams,
  type PageLocation,
  type PlayOrderEntry,
  type StreamInputs,
} from '../../src/urls/stream-url.js';

const CF = 'd3m1pdd4lln4vj.cloudfront.net';
const SECRET_TOKEN = 'SECRET-TOKEN-9f2c';
const SECRET_CODE = 'SECRET-CODE-77aa';

const httpsPage: PageLocation = {
  protocol: 'https:',
  hostname: 'www.example.com',
  host: 'www.example.com',
  origin: 'https://www.example.com',
};
const httpLocalPage: PageLocation = {
  protocol: 'http:',
  hostname: 'localhost',
  host: 'localhost:8000',
  origin: 'http://localhost:8000',
};
const httpOtherPage: PageLocation = {
  protocol: 'http:',
  hostname: 'intranet.example',
  host: 'intranet.example',
  origin: 'http://intranet.example',
};
const filePage: PageLocation = { protocol: 'file:', hostname: '', host: '', origin: 'null' };

/** Runs `fn`, expecting it to throw a PlayerError, and returns that error. */
function thrownBy(fn: () => unknown): PlayerError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(PlayerError);
    return error as PlayerError;
  }
  throw new Error('expected a PlayerError, but nothing was thrown');
}

interface GoodCase {
  name: string;
  inputs: StreamInputs;
  page?: PageLocation;
  urls: string[];
}

const hls = (base: string, id = 'stream1', query = '') => [
  `${base}/streams/${id}_adaptive.m3u8${query}`,
  `${base}/streams/${id}.m3u8${query}`,
];
const llhls = (base: string, id = 'stream1', query = '') => [`${base}/streams/ll-hls/${id}/${id}__master.m3u8${query}`];

const goodCases: GoodCase[] = [
  { name: 'CloudFront domain, default play order', inputs: { domain: CF, streamId: 'stream1' }, urls: hls(`https://${CF}`) },
  {
    name: 'origin with upper-case scheme and host, trailing slash',
    inputs: { domain: 'HTTPS://D3M1PDD4LLN4VJ.CloudFront.NET/', streamId: 'stream1' },
    urls: hls(`https://${CF}`),
  },
  { name: 'http origin, default port dropped', inputs: { domain: 'http://cdn.example:80', streamId: 'stream1' }, urls: hls('http://cdn.example') },
  { name: 'https origin, default port dropped', inputs: { domain: 'https://cdn.example:443', streamId: 'stream1' }, urls: hls('https://cdn.example') },
  { name: 'host with port, no scheme -> https', inputs: { domain: 'cdn.example:8443', streamId: 'stream1' }, urls: hls('https://cdn.example:8443') },
  {
    name: 'no scheme, http page on the same host name (other port) -> http',
    inputs: { domain: 'localhost:5080', streamId: 'stream1' },
    page: httpLocalPage,
    urls: hls('http://localhost:5080'),
  },
  {
    name: 'no scheme, host names compared case-insensitively',
    inputs: { domain: 'LocalHost:5080', streamId: 'stream1' },
    page: httpLocalPage,
    urls: hls('http://localhost:5080'),
  },
  {
    name: 'no scheme, http page on another host -> https',
    inputs: { domain: CF, streamId: 'stream1' },
    page: httpOtherPage,
    urls: hls(`https://${CF}`),
  },
  {
    name: 'explicit https wins over an http page on the same host',
    inputs: { domain: 'https://localhost:5443', streamId: 'stream1' },
    page: httpLocalPage,
    urls: hls('https://localhost:5443'),
  },
  { name: 'domain omitted -> page origin', inputs: { streamId: 'stream1' }, page: httpLocalPage, urls: hls('http://localhost:8000') },
  { name: 'domain null -> page origin', inputs: { domain: null, streamId: 'stream1' }, urls: hls('https://www.example.com') },
  { name: 'surrounding spaces around domain are ignored', inputs: { domain: `  ${CF}\n`, streamId: 'stream1' }, urls: hls(`https://${CF}`) },
  { name: 'IPv4 literal with port', inputs: { domain: '192.0.2.10:5443', streamId: 'stream1' }, urls: hls('https://192.0.2.10:5443') },
  {
    name: 'bracketed IPv6 literal, normalized',
    inputs: { domain: '[2001:DB8:0::1]:5443', streamId: 'stream1' },
    urls: hls('https://[2001:db8::1]:5443'),
  },
  { name: 'host name with "_" (container names)', inputs: { domain: 'ams_origin:5080', streamId: 'stream1' }, urls: hls('https://ams_origin:5080') },
  { name: 'internationalized host name -> punycode', inputs: { domain: 'bücher.example', streamId: 'stream1' }, urls: hls('https://xn--bcher-kva.example') },
  { name: 'app "live"', inputs: { domain: CF, app: 'live', streamId: 'stream1' }, urls: hls(`https://${CF}/live`) },
  {
    name: 'app with several segments and outer slashes',
    inputs: { domain: CF, app: '/live/sub/', streamId: 'stream1' },
    urls: hls(`https://${CF}/live/sub`),
  },
  { name: 'empty app -> no prefix', inputs: { domain: CF, app: '', streamId: 'stream1' }, urls: hls(`https://${CF}`) },
  { name: 'app segment percent-encoded', inputs: { domain: CF, app: 'a%b', streamId: 'stream1' }, urls: hls(`https://${CF}/a%25b`) },
  { name: 'stream id with "/" is one segment', inputs: { domain: CF, streamId: 'a/b' }, urls: hls(`https://${CF}`, 'a%2Fb') },
  {
    name: 'stream id with space, "?" and "#" encoded',
    inputs: { domain: CF, streamId: 'a b?c#d' },
    urls: hls(`https://${CF}`, 'a%20b%3Fc%23d'),
  },
  { name: 'stream id with non-ASCII', inputs: { domain: CF, streamId: 'café' }, urls: hls(`https://${CF}`, 'caf%C3%A9') },
  { name: 'stream id "..." is not a dot segment', inputs: { domain: CF, streamId: '...' }, urls: hls(`https://${CF}`, '...') },
  { name: 'stream id trimmed', inputs: { domain: CF, streamId: ' stream1 ' }, urls: hls(`https://${CF}`) },
  { name: 'll-hls', inputs: { domain: CF, streamId: 'stream1', playOrder: 'll-hls' }, urls: llhls(`https://${CF}`) },
  {
    name: 'll-hls then hls, with app',
    inputs: { domain: CF, app: 'live', streamId: 'stream1', playOrder: 'll-hls,hls' },
    urls: [...llhls(`https://${CF}/live`), ...hls(`https://${CF}/live`)],
  },
  {
    name: 'll-hls with an encoded stream id in both places',
    inputs: { domain: CF, streamId: 'a/b', playOrder: 'll-hls' },
    urls: llhls(`https://${CF}`, 'a%2Fb'),
  },
  {
    name: 'play order trimmed, case-insensitive, duplicates dropped',
    inputs: { domain: CF, streamId: 'stream1', playOrder: ' HLS , LL-HLS ,hls' },
    urls: [...hls(`https://${CF}`), ...llhls(`https://${CF}`)],
  },
  { name: 'no token on the URLs: they are shown and logged (the credentials go beside them)', inputs: { domain: CF, streamId: 'stream1', token: 'abc123' }, urls: hls(`https://${CF}`) },
];

interface BadCase {
  name: string;
  inputs: StreamInputs;
  page?: PageLocation;
  attribute: 'domain' | 'app' | 'stream-id' | 'play-order' | 'play-type';
  /** Further text the message must contain (e.g. the bad play-order entry). */
  mentions?: string;
  /** Text the message must not contain (secrets given in the wrong attribute). */
  hides?: string;
}

const bad = (attribute: BadCase['attribute'], name: string, override: StreamInputs, extra: Partial<BadCase> = {}): BadCase => ({
  name,
  attribute,
  inputs: { domain: CF, streamId: 'stream1', token: SECRET_TOKEN, subscriberId: 'viewer-1', subscriberCode: SECRET_CODE, ...override },
  ...extra,
});

const badCases: BadCase[] = [
  bad('domain', 'empty', { domain: '' }),
  bad('domain', 'whitespace only', { domain: '  \t ' }),
  bad('domain', 'space inside', { domain: 'cdn .example' }),
  bad('domain', 'tab inside', { domain: 'cdn\t.example' }),
  bad('domain', 'control character', { domain: 'cdn\u0000.example' }),
  bad('domain', 'non-breaking space inside', { domain: 'cdn\u00a0.example' }),
  bad('domain', 'path without scheme', { domain: `${CF}/live` }),
  bad('domain', 'path with scheme', { domain: `https://${CF}/live` }),
  bad('domain', 'two trailing slashes', { domain: `https://${CF}//` }),
  bad('domain', 'query', { domain: `${CF}?x=1` }),
  bad('domain', 'fragment', { domain: `https://${CF}#top` }),
  bad('domain', 'userinfo', { domain: `user@${CF}` }),
  bad('domain', 'userinfo with password, not echoed', { domain: 'https://admin:hunter2pw@cdn.example' }, { hides: 'hunter2pw' }),
  bad('domain', 'token pasted into the domain, not echoed', { domain: 'https://cdn.example?token=LEAKED-42' }, { hides: 'LEAKED-42' }),
  bad('domain', 'javascript: scheme', { domain: 'javascript:alert(1)' }, { mentions: 'javascript:' }),
  bad('domain', 'ftp scheme', { domain: 'ftp://cdn.example' }, { mentions: 'ftp:' }),
  bad('domain', 'data: scheme', { domain: 'data:text/html,<script>alert(1)</script>' }, { mentions: 'data:' }),
  bad('domain', 'http: without slashes', { domain: 'http:cdn.example' }),
  bad('domain', 'three slashes after the scheme', { domain: 'https:///cdn.example' }),
  bad('domain', 'protocol-relative', { domain: '//cdn.example' }),
  bad('domain', 'backslash', { domain: 'https:\\\\cdn.example' }),
  bad('domain', 'non-numeric port', { domain: 'cdn.example:abc' }, { mentions: 'port' }),
  bad('domain', 'port out of range', { domain: 'cdn.example:99999' }, { mentions: 'port' }),
  bad('domain', 'port 0', { domain: 'cdn.example:0' }),
  bad('domain', 'empty port', { domain: 'cdn.example:' }),
  bad('domain', 'port without host', { domain: ':80' }),
  bad('domain', 'label starting and ending with "-"', { domain: '-bad-.com' }),
  bad('domain', 'empty label', { domain: 'cdn..example' }),
  bad('domain', 'trailing dot', { domain: 'cdn.example.' }),
  bad('domain', 'forbidden character', { domain: 'cdn*.example' }),
  bad('domain', 'percent-encoded host', { domain: 'cdn%2eexample' }),
  bad('domain', 'unbracketed IPv6', { domain: '2001:db8::1' }),
  bad('domain', 'unclosed IPv6 bracket', { domain: '[2001:db8::1' }),
  bad('domain', 'short IPv4 form', { domain: '127.1' }),
  bad('domain', 'octal IPv4 form', { domain: '010.0.0.1' }),
  bad('domain', 'hexadecimal IPv4 form', { domain: '0x7f.0.0.1' }),
  bad('domain', 'backslash without scheme', { domain: 'cdn\\example' }),
  bad('domain', 'userinfo after a port', { domain: 'cdn.example:80@evil.example' }),
  bad('domain', 'line break after the slash', { domain: 'cdn.example/\nlive' }),
  bad('domain', 'token after a path, not echoed', { domain: 'https://cdn.example/live?token=LEAKED-43' }, { hides: 'LEAKED-43' }),
  bad('domain', 'IPv4 with five parts', { domain: '1.2.3.4.5' }),
  bad('domain', 'label longer than 63 characters', { domain: `${'a'.repeat(64)}.example` }),
  bad('domain', 'omitted on a file: page', { domain: undefined }, { page: filePage }),
  bad('app', '".." segment', { app: '..' }),
  bad('app', '"." segment in the middle', { app: 'live/./x' }),
  bad('app', 'empty segment in the middle', { app: 'live//x' }),
  bad('app', 'whitespace', { app: 'my app' }),
  bad('app', 'query', { app: 'live?x=1' }),
  bad('app', 'fragment', { app: 'live#x' }),
  bad('stream-id', 'missing', { streamId: undefined }),
  bad('stream-id', 'null', { streamId: null }),
  bad('stream-id', 'empty', { streamId: '' }),
  bad('stream-id', 'whitespace only', { streamId: ' \n ' }),
  bad('stream-id', '"."', { streamId: '.' }),
  bad('stream-id', '".."', { streamId: '..' }),
  bad('stream-id', 'control character', { streamId: 'a\u0007b' }),
  bad('stream-id', 'unpaired surrogate', { streamId: 'a\ud800b' }),
  bad('play-order', 'unknown entry', { playOrder: 'rtmp' }, { mentions: '"rtmp"' }),
  bad('play-order', 'unknown entry after a good one', { playOrder: 'll-hls, flv' }, { mentions: '"flv"' }),
  bad('play-order', 'only entries the player skips', { playOrder: 'webrtc,dash' }, { mentions: 'at least one of hls, ll-hls or vod' }),
  bad('play-type', 'unknown file type', { playOrder: 'vod', playType: 'mp4,mov' }, { mentions: '"mov"' }),
  bad('play-order', 'empty entry between commas', { playOrder: 'hls,,ll-hls' }, { mentions: '"" must be hls, ll-hls or vod' }),
  bad('play-order', 'trailing comma', { playOrder: 'hls,' }, { mentions: '"" must be hls, ll-hls or vod' }),
];

describe('stream-url: streamCandidates', () => {
  for (const c of goodCases) {
    it(`builds URLs: ${c.name}`, () => {
      const candidates = streamCandidates(c.inputs, c.page ?? httpsPage);
      expect(candidates.map((x) => x.url)).to.deep.equal(c.urls);
    });
  }

  for (const c of badCases) {
    it(`rejects ${c.attribute}: ${c.name}`, () => {
      const error = thrownBy(() => streamCandidates(c.inputs, c.page ?? httpsPage));
      expect(error.code).to.equal('invalid-input');
      expect(error.attribute).to.equal(c.attribute);
      expect(error.fatal).to.equal(true);
      expect(error.name).to.equal('PlayerError');
      expect(error.message.startsWith(`${c.attribute}:`), error.message).to.equal(true);
      expect(error.message).not.to.include(SECRET_TOKEN);
      expect(error.message).not.to.include(SECRET_CODE);
      if (c.mentions !== undefined) expect(error.message).to.include(c.mentions);
      if (c.hides !== undefined) expect(error.message).not.to.include(c.hides);
    });
  }

  it('labels candidates with play order and variant', () => {
    const candidates = streamCandidates({ domain: CF, streamId: 's', playOrder: 'll-hls,hls' }, httpsPage);
    expect(candidates.map((x) => [x.playOrder, x.variant])).to.deep.equal([
      ['ll-hls', 'll-hls'],
      ['hls', 'adaptive'],
      ['hls', 'plain'],
    ]);
  });

  it('reports the first bad attribute in the order domain, app, stream-id, play-order', () => {
    const all = { domain: 'javascript:x', app: '..', streamId: '', playOrder: 'rtmp' };
    expect(thrownBy(() => streamCandidates(all, httpsPage)).attribute).to.equal('domain');
    expect(thrownBy(() => streamCandidates({ ...all, domain: CF }, httpsPage)).attribute).to.equal('app');
    expect(thrownBy(() => streamCandidates({ ...all, domain: CF, app: null }, httpsPage)).attribute).to.equal('stream-id');
    expect(thrownBy(() => streamCandidates({ ...all, domain: CF, app: null, streamId: 's' }, httpsPage)).attribute).to.equal('play-order');
  });

  it('names the problem for a bad domain like the docs say', () => {
    const error = thrownBy(() => resolveOrigin('javascript:alert(1)', httpsPage));
    expect(error.message).to.include('domain: "javascript:alert(1)" must be a host name such as d3m1pdd4lln4vj.cloudfront.net');
  });
});

describe('stream-url: resolveOrigin', () => {
  const cases: [string | null | undefined, PageLocation, string][] = [
    [CF, httpsPage, `https://${CF}`],
    ['Http://CDN.example:8080/', httpsPage, 'http://cdn.example:8080'],
    ['localhost', httpLocalPage, 'http://localhost'],
    ['localhost', httpsPage, 'https://localhost'],
    [undefined, httpsPage, 'https://www.example.com'],
    ['[::1]:5080', { protocol: 'http:', hostname: '[::1]', host: '[::1]:8000', origin: 'http://[::1]:8000' }, 'http://[::1]:5080'],
  ];
  for (const [domain, page, expected] of cases) {
    it(`${String(domain)} on ${page.origin} -> ${expected}`, () => {
      expect(resolveOrigin(domain, page)).to.equal(expected);
    });
  }
});

describe('stream-url: parsePlayOrder', () => {
  const cases: [string | null | undefined, PlayOrderEntry[]][] = [
    [undefined, ['hls']],
    [null, ['hls']],
    ['', ['hls']],
    ['   ', ['hls']],
    ['hls', ['hls']],
    ['LL-HLS', ['ll-hls']],
    [' ll-hls , hls ', ['ll-hls', 'hls']],
    ['hls,HLS,hls', ['hls']],
    ['ll-hls,hls,ll-hls', ['ll-hls', 'hls']],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${expected.join(',')}`, () => {
      expect(parsePlayOrder(input)).to.deep.equal(expected);
    });
  }

  const badInputs: [string, string][] = [
    ['rtmp', 'rtmp'],
    ['hls,flv', 'flv'],
    ['webrtc', 'webrtc: WebRTC plays from the AMS server'],
    [',hls', '""'],
    ['hls, ,ll-hls', '""'],
  ];
  for (const [input, mention] of badInputs) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      const error = thrownBy(() => parsePlayOrder(input));
      expect(error.code).to.equal('invalid-input');
      expect(error.attribute).to.equal('play-order');
      expect(error.message).to.match(/^play-order:/);
      expect(error.message).to.include(mention);
    });
  }

  it('returns a fresh array each time', () => {
    const first = parsePlayOrder(null);
    first.push('ll-hls');
    expect(parsePlayOrder(null)).to.deep.equal(['hls']);
  });
});

describe('stream-url: parseAppPath and validateStreamId', () => {
  const appCases: [string | null | undefined, string[]][] = [
    [undefined, []],
    ['', []],
    ['/', []],
    ['live', ['live']],
    ['//live//', ['live']],
    ['live/sub', ['live', 'sub']],
    ['Live_App-1', ['Live_App-1']],
    ['app+1', ['app%2B1']],
  ];
  for (const [input, expected] of appCases) {
    it(`app ${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      expect(parseAppPath(input)).to.deep.equal(expected);
    });
  }

  it('returns the stream id trimmed and unencoded', () => {
    expect(validateStreamId(' a/b ')).to.equal('a/b');
    expect(validateStreamId('stream1')).to.equal('stream1');
  });
});

describe('stream-url: withAuthParams', () => {
  const all: AuthParams = { token: 'tok', subscriberId: 'sub', subscriberCode: 'code' };
  const cases: [string, string, AuthParams, string][] = [
    ['no auth: unchanged', 'https://cdn.example/a.m3u8?x=1', {}, 'https://cdn.example/a.m3u8?x=1'],
    ['empty and null values: unchanged', 'not a url at all', { token: '', subscriberId: null, subscriberCode: '  ' }, 'not a url at all'],
    ['no query', 'https://cdn.example/streams/s.m3u8', { token: 'tok' }, 'https://cdn.example/streams/s.m3u8?token=tok'],
    ['all three, fixed order', 'https://cdn.example/s.m3u8', all, 'https://cdn.example/s.m3u8?token=tok&subscriberId=sub&subscriberCode=code'],
    [
      'keeps LL-HLS delivery directives',
      'https://cdn.example/ll-hls/s/480/s__lowlatency.m3u8?_HLS_msn=42&_HLS_part=3',
      { token: 'tok' },
      'https://cdn.example/ll-hls/s/480/s__lowlatency.m3u8?_HLS_msn=42&_HLS_part=3&token=tok',
    ],
    [
      'replaces an existing token in place, no duplicate',
      'https://cdn.example/s.m3u8?token=old&_HLS_msn=1&token=older',
      { token: 'new' },
      'https://cdn.example/s.m3u8?token=new&_HLS_msn=1',
    ],
    [
      'replaces one parameter, adds the others',
      'https://cdn.example/s.m3u8?subscriberId=old&a=1',
      all,
      'https://cdn.example/s.m3u8?subscriberId=sub&a=1&token=tok&subscriberCode=code',
    ],
    [
      'keeps other parameters byte for byte (signed URLs)',
      'https://cdn.example/s.ts?Policy=eyJ~x_&Signature=ab~c%7E-&Key-Pair-Id=K1',
      { token: 'tok' },
      'https://cdn.example/s.ts?Policy=eyJ~x_&Signature=ab~c%7E-&Key-Pair-Id=K1&token=tok',
    ],
    ['keeps the fragment', 'https://cdn.example/s.m3u8?a=1#frag', { token: 'tok' }, 'https://cdn.example/s.m3u8?a=1&token=tok#frag'],
    ['encodes values', 'https://cdn.example/s.m3u8', { token: 'a+b/c= &d' }, 'https://cdn.example/s.m3u8?token=a%2Bb%2Fc%3D+%26d'],
    ['segment URL', 'https://cdn.example/streams/s000000001.ts', { token: 'tok' }, 'https://cdn.example/streams/s000000001.ts?token=tok'],
    ['relative URL with query', '480/s__lowlatency.m3u8?_HLS_msn=5', { token: 'tok' }, '480/s__lowlatency.m3u8?_HLS_msn=5&token=tok'],
    ['relative URL without query', 's000000001.ts', { subscriberId: 'sub' }, 's000000001.ts?subscriberId=sub'],
    ['data: URL left alone', 'data:text/plain,hello', { token: 'tok' }, 'data:text/plain,hello'],
    ['blob: URL left alone', 'blob:https://cdn.example/1234', { token: 'tok' }, 'blob:https://cdn.example/1234'],
    ['other scheme with "-" left alone', 'chrome-extension://abc/s.m3u8', { token: 'tok' }, 'chrome-extension://abc/s.m3u8'],
    [
      'replaces duplicates of two names, adds the third',
      'https://cdn.example/s.m3u8?token=a&subscriberId=b&token=c&subscriberId=d',
      all,
      'https://cdn.example/s.m3u8?token=tok&subscriberId=sub&subscriberCode=code',
    ],
  ];
  for (const [name, url, auth, expected] of cases) {
    it(name, () => {
      expect(withAuthParams(url, auth)).to.equal(expected);
    });
  }

  it('is idempotent', () => {
    const once = withAuthParams('https://cdn.example/s.m3u8?_HLS_msn=1', all);
    expect(withAuthParams(once, all)).to.equal(once);
  });

  it('round-trips values through URLSearchParams', () => {
    const auth = { token: 'ey.J+/=%20', subscriberId: 'ü ser', subscriberCode: '0&1=2' };
    const params = new URL(withAuthParams('https://cdn.example/s.m3u8?_HLS_part=2', auth)).searchParams;
    expect(params.get('token')).to.equal(auth.token);
    expect(params.get('subscriberId')).to.equal(auth.subscriberId);
    expect(params.get('subscriberCode')).to.equal(auth.subscriberCode);
    expect(params.get('_HLS_part')).to.equal('2');
  });
});

describe('stream-url: play-order entries the player skips', () => {
  it('plays the HLS entries of an order with webrtc or dash, as AMS links carry them', () => {
    expect(parsePlayOrder('webrtc,hls')).to.deep.equal(['hls']);
    expect(parsePlayOrder('dash, ll-hls ,WebRTC,hls')).to.deep.equal(['ll-hls', 'hls']);
  });

  it('says which entries it skips and why, once each', () => {
    const skipped = skippedPlayOrderEntries('webrtc,hls,WEBRTC,dash');
    expect(skipped).to.have.length(2);
    expect(skipped[0]).to.match(/^webrtc: .*CDN/);
    expect(skipped[1]).to.match(/^dash: /);
    expect(skippedPlayOrderEntries('ll-hls,hls')).to.deep.equal([]);
    expect(skippedPlayOrderEntries(null)).to.deep.equal([]);
  });
});

describe('stream-url: start and end', () => {
  it('passes them on the playlist URLs as written, beside the token, as AMS\'s play.html does', () => {
    const candidates = streamCandidates({ domain: CF, streamId: 's', playOrder: 'll-hls,hls', token: 't', start: ' 1700000000 ', end: 1700000060.5 }, httpsPage);
    for (const { url, credentials } of candidates) {
      const query = new URL(credentialedUrl(url, credentials)).searchParams;
      expect([query.get('token'), query.get('start'), query.get('end')], url).to.deep.equal(['t', '1700000000', '1700000060.5']);
    }
  });

  it('adds nothing when they are absent or empty', () => {
    const [candidate] = streamCandidates({ domain: CF, streamId: 's', start: '', end: null }, httpsPage);
    expect(candidate!.url).to.equal(`https://${CF}/streams/s_adaptive.m3u8`);
  });

  for (const [name, inputs] of [['start', { start: '-5' }], ['end', { end: 'soon' }], ['start', { start: '1e3' }], ['end', { start: '1', end: '2&x=1' }]] as const) {
    it(`rejects ${JSON.stringify(inputs)} naming ${name}`, () => {
      const error = thrownBy(() => streamCandidates({ domain: CF, streamId: 's', ...inputs }, httpsPage));
      expect(error.attribute).to.equal(name);
      expect(error.message).to.match(new RegExp(`^${name}: `));
    });
  }
});

describe('request-credentials: the configured origin, and nowhere else', () => {
  const credentials = (cookies: boolean): RequestCredentials => streamCandidates({ domain: CF, streamId: 's', token: 'a+b/c=', subscriberId: 'user 1', subscriberCode: '123&x' }, httpsPage, { cookies })[0]!.credentials;

  it('puts token, subscriberId and subscriberCode, encoded, on every URL of the domain\'s origin', () => {
    expect(credentials(false).origin).to.equal(`https://${CF}`);
    expect(credentialedUrl(`https://${CF}/streams/s000000001.ts`, credentials(false))).to.equal(`https://${CF}/streams/s000000001.ts?token=a%2Bb%2Fc%3D&subscriberId=user+1&subscriberCode=123%26x`);
    expect(credentialedUrl(`https://${CF}/streams/s.m3u8?_HLS_msn=4`, credentials(false))).to.equal(`https://${CF}/streams/s.m3u8?_HLS_msn=4&token=a%2Bb%2Fc%3D&subscriberId=user+1&subscriberCode=123%26x`);
    const withoutToken = streamCandidates({ domain: CF, streamId: 's', token: '', subscriberId: 'sub', subscriberCode: null }, httpsPage)[0]!.credentials;
    expect(credentialedUrl(`https://${CF}/streams/s.m3u8`, withoutToken), 'empty values left out').to.equal(`https://${CF}/streams/s.m3u8?subscriberId=sub`);
  });

  it('leaves every other host, scheme and port alone: keys, variants or segments a playlist names elsewhere', () => {
    for (const url of [
      'https://keys.example/key.bin', `http://${CF}/streams/s.m3u8`, `https://${CF}:8443/streams/s.m3u8`, `https://${CF}.evil.example/s.ts`,
      `https://evil.example/${CF}/s.ts`, 'data:text/plain,x', 'blob:https://cdn.example/1', 'not a url', '/streams/s.ts',
    ]) {
      expect(credentialedUrl(url, credentials(true)), url).to.equal(url);
      expect(sendsCookies(url, credentials(true)), url).to.equal(false);
    }
  });

  it('sends cookies only with crossorigin="use-credentials", and only to the domain\'s origin', () => {
    expect(sendsCookies(`https://${CF}/streams/s.m3u8`, credentials(true))).to.equal(true);
    expect(sendsCookies(`https://${CF}/streams/s.m3u8`, credentials(false))).to.equal(false);
    expect(sendsCookies(`https://${CF}/streams/s.m3u8`, noCredentials)).to.equal(false);
  });
});

describe('stream-url: previewImageUrl', () => {
  it('is {base}/previews/{id}.png, the id without _adaptive, without the token (the image request adds it)', () => {
    expect(previewImageUrl({ domain: CF, app: 'live', streamId: 'cam 1_adaptive', token: 't' }, httpsPage)).to.equal(`https://${CF}/live/previews/cam%201.png`);
    expect(previewImageUrl({ domain: CF, streamId: 'stream1' }, httpsPage)).to.equal(`https://${CF}/previews/stream1.png`);
  });
});

describe('stream-url: backup-stream-id', () => {
  it('lists the backup stream\'s URLs after the main stream\'s, in the same play order, marked as backup', () => {
    const candidates = streamCandidates({ domain: CF, streamId: 'main', backupStreamId: ' spare ', playOrder: 'll-hls,hls', token: 't' }, httpsPage);
    expect(candidates.map(({ streamId, backup, variant }) => [streamId, backup, variant])).to.deep.equal([
      ['main', false, 'll-hls'],
      ['main', false, 'adaptive'],
      ['main', false, 'plain'],
      ['spare', true, 'll-hls'],
      ['spare', true, 'adaptive'],
      ['spare', true, 'plain'],
    ]);
    expect(candidates[3]!.url).to.equal(`https://${CF}/streams/ll-hls/spare/spare__master.m3u8`);
    expect(candidates.map(({ credentials }) => credentials.auth.token)).to.deep.equal(['t', 't', 't', 't', 't', 't'], 'without backup-token, the backup gets token');
  });

  it('gives the backup stream its own backup-token, and the main stream its token', () => {
    const candidates = streamCandidates({ domain: CF, streamId: 'main', backupStreamId: 'spare', token: 'main-jwt', backupToken: 'spare-jwt', subscriberId: 'v1', subscriberCode: '123456' }, httpsPage);
    expect(candidates.map(({ streamId, credentials }) => [streamId, credentials.auth])).to.deep.equal([
      ['main', { token: 'main-jwt', subscriberId: 'v1', subscriberCode: '123456' }],
      ['main', { token: 'main-jwt', subscriberId: 'v1', subscriberCode: '123456' }],
      ['spare', { token: 'spare-jwt', subscriberId: 'v1', subscriberCode: '123456' }],
      ['spare', { token: 'spare-jwt', subscriberId: 'v1', subscriberCode: '123456' }],
    ]);
  });

  it('rejects a bad backup id naming backup-stream-id; empty means none', () => {
    expect(thrownBy(() => streamCandidates({ domain: CF, streamId: 'main', backupStreamId: '..' }, httpsPage)).attribute).to.equal('backup-stream-id');
    expect(streamCandidates({ domain: CF, streamId: 'main', backupStreamId: '  ' }, httpsPage).every(({ backup }) => !backup)).to.equal(true);
  });
});

describe('stream-url: vod, the recording', () => {
  it('plays {id}.mp4 then {id}.webm by default, in play-type order when given, after the live entries', () => {
    const urls = (playType?: string) =>
      streamCandidates({ domain: CF, app: 'live', streamId: 'cam 1', playOrder: 'll-hls,vod', playType, token: 't' }, httpsPage).map(({ playOrder, variant, url }) => [playOrder, variant, url]);
    expect(urls()).to.deep.equal([
      ['ll-hls', 'll-hls', `https://${CF}/live/streams/ll-hls/cam%201/cam%201__master.m3u8`],
      ['vod', 'mp4', `https://${CF}/live/streams/cam%201.mp4`],
      ['vod', 'webm', `https://${CF}/live/streams/cam%201.webm`],
    ]);
    expect(urls(' WEBM ').map(([, variant]) => variant)).to.deep.equal(['ll-hls', 'webm']);
  });
});
