// MQTT.js as the foreign client of the interoperability suite. Payloads travel as hex, one per line, so that the
// Java side compares bytes, not strings.
//   node mqttjs-peer.mjs sub URL TOPIC COUNT QOS   prints SUBSCRIBED, then each payload; exits after COUNT
//   node mqttjs-peer.mjs pub URL TOPIC QOS         publishes each line of stdin in order; exits when all are acked
import mqtt from 'mqtt'
import { createInterface } from 'node:readline'

const [mode, url, topic, ...rest] = process.argv.slice(2)

let done = false

// process.exit can cut a long line still on its way into the pipe; leave once stdout has taken everything
function exit (code) {
  process.stdout.write('', () => process.exit(code))
}

function connect () {
  const client = mqtt.connect(url, { protocolVersion: 4, clean: true, reconnectPeriod: 0 })
  // a broker may reset the socket right after our DISCONNECT; once the work is done that is no failure
  client.on('error', (err) => { console.error('mqtt.js error:', err.message); exit(done ? 0 : 2) })
  return client
}

function finish (client) {
  done = true
  client.end(false, () => exit(0))
}

if (mode === 'sub') {
  const [count, qos] = rest.map(Number)
  const client = connect()
  let received = 0
  client.on('message', (t, payload) => {
    console.log(payload.toString('hex'))
    if (++received === count) finish(client)
  })
  client.on('connect', () => client.subscribe(topic, { qos }, (err) => {
    if (err) { console.error('subscribe failed:', err.message); process.exit(2) }
    console.log('SUBSCRIBED')
  }))
} else if (mode === 'pub') {
  const qos = Number(rest[0])
  const lines = []
  // all of stdin first: connecting earlier could fire 'connect' before its listener exists
  for await (const line of createInterface({ input: process.stdin })) lines.push(line)
  const client = connect()
  client.on('connect', async () => {
    for (const hex of lines) await client.publishAsync(topic, Buffer.from(hex, 'hex'), { qos })
    finish(client)
  })
} else {
  console.error('usage: sub URL TOPIC COUNT QOS | pub URL TOPIC QOS')
  process.exit(2)
}
