vcl 4.1;

# Varnish configured the way the project's CloudFront recipe configures the distribution (README,
# "CloudFront recipe"), so the CDN tests also run against a real cache: origin path = the AMS app,
# the query string in the cache key, 404s cached for the Error Caching Minimum TTL, 200s by the
# origin's Cache-Control, concurrent misses collapsed, Age on every cached answer, CORS as a
# response-headers policy sets it. dev/varnish.mjs fills in the {{...}} values.

backend origin {
  .host = "{{ORIGIN_HOST}}";
  .port = "{{ORIGIN_PORT}}";
  .connect_timeout = 5s;
  .first_byte_timeout = 30s;
  .between_bytes_timeout = 30s;
}

sub vcl_recv {
  if (req.method == "OPTIONS") {
    return (synth(204));
  }
  # The distribution allows GET and HEAD (plus OPTIONS for CORS).
  if (req.method != "GET" && req.method != "HEAD") {
    return (synth(403, "This distribution is not configured to allow the HTTP request method that was used for this request."));
  }
  # The cache policy forwards no cookies and no Authorization: they are no part of the key.
  unset req.http.Cookie;
  unset req.http.Authorization;
  # Cache key: host + path + the whole query string (_HLS_msn, _HLS_part, token, ...), the default hash.
  return (hash);
}

sub vcl_backend_fetch {
  # Origin path: the viewer asks for /streams/..., the origin serves /{app}/streams/...
  set bereq.url = "{{ORIGIN_PATH}}" + bereq.url;
  # The origin's custom headers (an origin that trusts only its CDN checks one).
{{ORIGIN_CUSTOM_HEADERS}}
}

sub vcl_backend_response {
  # A cache serves nothing stale: CloudFront has no grace period.
  set beresp.grace = 0s;
  set beresp.keep = 0s;
  if (beresp.status == 404) {
    # Error Caching Minimum TTL: the larger of it and the origin's own max-age. (Without a max-age,
    # Varnish would have given the 404 its default TTL.)
    if (beresp.http.Cache-Control !~ "max-age" || beresp.ttl < {{ERROR_TTL}}s) {
      set beresp.ttl = {{ERROR_TTL}}s;
    }
    set beresp.uncacheable = false;
    return (deliver);
  }
  if (beresp.status >= 400) {
    # Other errors are not cached (the recipe sets 5xx to 0-1 s).
    set beresp.uncacheable = true;
    set beresp.ttl = 1s;
    return (deliver);
  }
  if (beresp.ttl <= 0s) {
    # max-age=0 (AMS's playlists): not kept. Marked hit-for-miss for a moment, so that requests
    # for it go to the origin side by side instead of queueing one after another behind it.
    set beresp.uncacheable = true;
    set beresp.ttl = 1s;
  }
  return (deliver);
}

sub vcl_deliver {
  # For the log in front (dev/varnish.mjs): 0 = this answer came from the origin.
  set resp.http.X-Cache-Hits = obj.hits;
  if (resp.status >= 400) {
    set resp.http.X-Cache = "Error from varnish";
  } elsif (obj.hits > 0) {
    set resp.http.X-Cache = "Hit from varnish";
  } else {
    set resp.http.X-Cache = "Miss from varnish";
  }
  call cors;
}

sub vcl_synth {
  set resp.http.X-Cache-Hits = "0";
  call cors;
  if (resp.status == 204) {
    set resp.http.Access-Control-Allow-Methods = "GET, HEAD, OPTIONS";
    set resp.http.Access-Control-Allow-Headers = "*";
    set resp.http.Access-Control-Max-Age = "600";
  }
  return (deliver);
}

# As the recipe's response-headers policy: any origin, and Age readable from script.
sub cors {
  unset resp.http.Access-Control-Allow-Origin;
  set resp.http.Access-Control-Allow-Origin = "*";
  set resp.http.Access-Control-Expose-Headers = "Age, X-Cache, Date";
}
