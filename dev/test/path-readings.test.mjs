// The two readings of a raw path the edge tests rely on: CloudFront's, for path patterns, and
// Tomcat's, for the file AMS serves. Pure functions, each rule both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheBehaviorOf, matchingPath, pathPatternMatches } from '../edge/cache-behaviors.mjs';
import { servletPath } from '../origin/servlet-path.mjs';

test('Tomcat\'s reading: path parameters dropped, escapes decoded, dot segments and "//" resolved; 400 for what it refuses', () => {
  for (const [raw, served] of [
    ['/live/streams/a.m3u8', '/live/streams/a.m3u8'],
    ['/live/streams;x/a.m3u8', '/live/streams/a.m3u8'],
    ['/live/;/streams/a.m3u8', '/live/streams/a.m3u8'],
    ['/live/streams/a.m3u8;jsessionid=1', '/live/streams/a.m3u8'],
    ['/live/streams/ll-hls/a/..;/..;/b.m3u8', '/live/streams/b.m3u8'],
    ['/live/streams/ll-hls/a/%2e%2e/%2e%2e/b.m3u8', '/live/streams/b.m3u8'],
    ['/live/%73treams/b.m3u8', '/live/streams/b.m3u8'],
    ['/live/streams/b%3b.m3u8', '/live/streams/b;.m3u8'],
    ['/live//streams/./b.m3u8', '/live/streams/b.m3u8'],
    ['/live/streams/', '/live/streams/'],
    ['/live/streams/a/..', '/live/streams/'],
  ]) assert.deepEqual(servletPath(raw), { path: served }, raw);
  for (const raw of ['/live/streams%2fb.m3u8', '/live/streams/a\\b.m3u8', '/live/streams%5cb.m3u8', '/live/a%00', '/../b', '/live/../../b', '/live/%E0%A4%A']) {
    assert.ok(servletPath(raw).refused, raw);
  }
});

test('CloudFront\'s reading for path patterns: unreserved escapes decoded, dot segments removed, "//" merged; ";" and case kept', () => {
  assert.equal(matchingPath('/streams/a.m3u8'), '/streams/a.m3u8');
  assert.equal(matchingPath('/%73treams/a.m3u8'), '/streams/a.m3u8');
  assert.equal(matchingPath('/x/../streams/a.m3u8'), '/streams/a.m3u8');
  assert.equal(matchingPath('/x/%2e%2e/streams//a.m3u8'), '/streams/a.m3u8');
  assert.equal(matchingPath('/streams%2fa.m3u8'), '/streams%2fa.m3u8', 'a reserved character stays encoded');
  assert.equal(matchingPath('/streams;x/a.m3u8'), '/streams;x/a.m3u8');
  assert.ok(pathPatternMatches('/streams/*', '/streams/a.m3u8'));
  assert.ok(pathPatternMatches('streams/*', '/streams/a.m3u8'), 'the leading "/" is optional');
  assert.ok(!pathPatternMatches('/streams/*', '/Streams/a.m3u8'), 'case-sensitive');
  assert.ok(pathPatternMatches('/previews/?.png', '/previews/a.png') && !pathPatternMatches('/previews/?.png', '/previews/ab.png'));
  assert.equal(cacheBehaviorOf('/x/../streams/a.m3u8'), '/streams/*');
  assert.equal(cacheBehaviorOf('/streams;x/a.m3u8'), '*');
  assert.equal(cacheBehaviorOf('/play.html'), '*');
});
