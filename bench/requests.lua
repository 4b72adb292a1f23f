-- wrk script: each request asks from a different place, as real users do.
-- BENCH_PATH holds the path with {lat}, {lon} and {zip} placeholders.
local template = os.getenv("BENCH_PATH")
local zips = {}
for zip in string.gmatch(os.getenv("BENCH_ZIPS") or "", "%d+") do zips[#zips + 1] = zip end
local origins = {}
for lat, lon in string.gmatch(os.getenv("BENCH_ORIGINS") or "", "([%-%d%.]+),([%-%d%.]+)") do
  origins[#origins + 1] = {lat, lon}
end
local counter = 0

wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Host"] = "127.0.0.1"

request = function()
  counter = counter + 1
  local path = template
  if #origins > 0 then
    local origin = origins[(counter % #origins) + 1]
    path = path:gsub("{lat}", origin[1]):gsub("{lon}", origin[2])
  end
  if #zips > 0 then
    path = path:gsub("{zip}", zips[(counter % #zips) + 1])
  end
  return wrk.format("GET", path)
end
