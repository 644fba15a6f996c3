package io.github.mqttbridge.interop;

import io.github.mqttbridge.testing.MosquittoBroker;

/**
 * Mosquitto as the suite runs it: stock, with the message limits a fresh install has (20 in flight, 1000 queued),
 * or tuned the way the project's other tests run it (both limits off).
 */
final class MosquittoInteropBroker implements InteropBroker {

    private final MosquittoBroker broker;

    private MosquittoInteropBroker(MosquittoBroker broker) {
        this.broker = broker;
    }

    static MosquittoInteropBroker stock() {
        Installed.require("mosquitto", "apt-get install mosquitto");
        return new MosquittoInteropBroker(MosquittoBroker.builder().defaultMessageLimits().start());
    }

    static MosquittoInteropBroker tuned() {
        Installed.require("mosquitto", "apt-get install mosquitto");
        return new MosquittoInteropBroker(MosquittoBroker.builder().start());
    }

    @Override
    public String tcpUri() {
        return broker.tcpUri();
    }

    @Override
    public String wsUri() {
        return broker.wsUri();
    }

    @Override
    public boolean speaksMqtt5() {
        return true;
    }

    @Override
    public String diagnostics() {
        return broker.diagnostics();
    }

    @Override
    public void close() {
        broker.close();
    }
}
