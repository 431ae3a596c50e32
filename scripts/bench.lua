-- wrk script of `make bench`: behind the (simulated) TLS proxy, optional session,
-- an optional POST (a save, with its CSRF token in the body and the cookie),
-- an optional query parameter whose value changes on every request (searches
-- the cache has never seen), and one machine-readable summary line with the
-- 95th percentile.
wrk.headers["X-Forwarded-Proto"] = "https"
local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  -- Django checks the Referer of a POST over HTTPS.
  wrk.headers["Referer"] = os.getenv("BENCH_REFERER")
end

-- Words from the bench data (places, authorities, themes): each word, then pairs
-- ("water or kigali"), 1 640 different searches, each with results.
local words = {
  "onderwijs", "water", "drinkwater", "gezondheidszorg", "afval", "landbouw",
  "gender", "klimaat", "energie", "cultuur", "sport", "jongeren", "bestuur",
  "kinshasa", "bukavu", "kigali", "huye", "dakar", "bamako", "cotonou",
  "ouagadougou", "aalst", "antwerpen", "brugge", "gent", "diest", "geel",
  "herent", "nim", "leefmilieu", "voedselzekerheid", "uitwisseling",
  "sanitair", "beroepsopleiding", "burgerlijke", "stand", "hernieuwbare",
  "lokale", "stedenband", "samenwerking",
}
local vary = os.getenv("BENCH_VARY")
local counter = 0
if vary ~= nil and vary ~= "" then
  request = function()
    counter = counter + 1
    local term = words[(counter % #words) + 1]
    local round = math.floor(counter / #words) % (#words + 1)
    if round > 0 then term = term .. "+or+" .. words[round] end
    local separator = "?"
    if string.find(wrk.path, "?", 1, true) then separator = "&" end
    return wrk.format(nil, wrk.path .. separator .. vary .. "=" .. term)
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f p50_ms=%.2f p95_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    errors, summary.errors.status))
end
