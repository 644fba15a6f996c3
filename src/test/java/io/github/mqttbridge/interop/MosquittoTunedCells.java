package io.github.mqttbridge.interop;

@BrokerColumn(column = 2, value = "Mosquitto 2.0 tuned (no message limits)")
abstract class MosquittoTunedCells extends InteropCells {

    @Override
    protected InteropBroker startBroker() {
        return MosquittoInteropBroker.tuned();
    }
}
