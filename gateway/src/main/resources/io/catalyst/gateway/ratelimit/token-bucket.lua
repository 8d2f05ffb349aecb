-- Token bucket, atomically in Redis (the same rule as TokenBucket.java).
-- KEYS[1]: the bucket; ARGV[1]: capacity; ARGV[2]: refill tokens per second.
-- Returns { allowed (1|0), whole tokens left, milliseconds until a token is available }.
-- The time is Redis's own (one clock for every gateway replica); TIME in a script needs Redis >= 5.
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = capacity
  updated = now
end

local elapsed = math.max(0, now - updated)
tokens = math.min(capacity, tokens + elapsed * rate / 1000)

local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end

redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(math.max(now, updated)))
-- An idle bucket is full again after capacity / rate seconds; then it need not be kept.
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
return { allowed, math.floor(tokens), wait }
