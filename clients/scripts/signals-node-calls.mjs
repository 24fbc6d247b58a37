// Calls a Signals API with the official @snowplow/signals-node SDK in sandbox-token mode and prints, as one JSON
// document keyed by label, what each call returned ({"value": …}) or the message it failed with ({"error": "…"}).
//
// Usage: node signals-node-calls.mjs <API base URL> '<calls JSON>'
//   calls: [{"label": "…", "sandboxToken": "…", "method": "getServiceAttributes", "request": {…}}, …]
//   method is one of the SDK's getServiceAttributes, getBatchServiceAttributes and getGroupAttributes.
import { Signals } from '@snowplow/signals-node';

const [baseUrl, callsJson] = process.argv.slice(2);
if (!baseUrl || !callsJson) {
  console.error("usage: node signals-node-calls.mjs <base URL> '<calls JSON>'");
  process.exit(2);
}
const METHODS = ['getServiceAttributes', 'getBatchServiceAttributes', 'getGroupAttributes'];

const results = {};
for (const call of JSON.parse(callsJson)) {
  if (!METHODS.includes(call.method)) {
    console.error(`unknown method ${call.method}; use one of ${METHODS.join(', ')}`);
    process.exit(2);
  }
  const signals = new Signals({ baseUrl, sandboxToken: call.sandboxToken });
  try {
    results[call.label] = { value: await signals[call.method](call.request) };
  } catch (error) {
    results[call.label] = { error: String(error.message ?? error) };
  }
}
process.stdout.write(JSON.stringify(results));
