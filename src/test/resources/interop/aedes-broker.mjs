// The Aedes broker of the interoperability suite: MQTT on TCP and on WebSocket, on the ports given as arguments,
// bound to 127.0.0.1, with Aedes's defaults (in-memory persistence) as a user who runs it this way gets them.
import { Aedes } from 'aedes'
import { createServer } from 'aedes-server-factory'

const [tcpPort, wsPort] = process.argv.slice(2).map(Number)
const aedes = await Aedes.createBroker()
aedes.on('clientError', (client, err) => console.log('client error', client.id, err.message))
aedes.on('connectionError', (client, err) => console.log('connection error', client && client.id, err.message))
createServer(aedes).listen(tcpPort, '127.0.0.1', () => console.log('tcp listening on', tcpPort))
createServer(aedes, { ws: true }).listen(wsPort, '127.0.0.1', () => console.log('ws listening on', wsPort))
