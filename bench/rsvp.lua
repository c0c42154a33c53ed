-- Many members answering one popular meetup: each request is a real change (yes <-> no).
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

tokens = {}
counter = 0
server_errors = 0
conflicts = 0
other_errors = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  counter = (id or 1) * 7919
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  -- Alternate passes over the tokens: yes on one, no on the next, so every answer is a change.
  local answer = (math.floor(counter / #tokens) % 2 == 0) and "yes" or "no"
  return wrk.format("PUT", "/api/v1/meetups/" .. os.getenv("BENCH_MEETUP") .. "/rsvp", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"answer":"' .. answer .. '","guests":0}')
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  elseif status >= 400 then
    other_errors = other_errors + 1
  end
end

function done(summary, latency, requests)
  local e, c, o = 0, 0, 0
  for _, t in ipairs(threads) do
    e = e + t:get("server_errors")
    c = c + t:get("conflicts")
    o = o + t:get("other_errors")
  end
  io.write(string.format("RSVP_STATUS server_errors=%d conflicts=%d other_errors=%d\n", e, c, o))
end
