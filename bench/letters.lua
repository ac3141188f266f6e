-- wrk script: POST a new letter per request, each from its own address and with its own
-- subject (so neither the per-address limit nor the duplicate check is what is measured).
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  counter = counter + 1
  local n = math.random(1, 1000000000)
  local body = string.format(
    '{"mailbox":"xzxx","type":"consult","subject":"基准测试来信%d-%d","body":"请问城区集中供暖从哪天开始？这是第%d封基准测试来信。","name":"王五","mobile":"13700001111","public":false}',
    n, counter, counter)
  local headers = {}
  headers["content-type"] = "application/json"
  headers["x-forwarded-for"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/v1/letters", headers, body)
end
