package io.github.mqttbridge.interop;

@BrokerColumn(column = 3, value = "Aedes 1.2")
abstract class AedesCells extends InteropCells {

    @Override
    protected InteropBroker startBroker() {
        return AedesBroker.start();
    }
}
