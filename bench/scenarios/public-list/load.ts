// Child process of the public-list scenario: drives one server with autocannon, so the load
// generator never shares an event loop with the server it measures. Prints one JSON line.
import autocannon from 'autocannon';

type LoadConfig = { url: string; paths: string[]; connections: number; seconds: number };

const config = JSON.parse(process.argv[2]!) as LoadConfig;
let next = 0;
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.seconds,
  requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: config.paths[next++ % config.paths.length]! }) }],
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }),
);
