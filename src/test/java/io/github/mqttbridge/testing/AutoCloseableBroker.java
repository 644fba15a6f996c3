package io.github.mqttbridge.testing;

/** A broker this code started and so must stop; close never throws a checked exception. */
public interface AutoCloseableBroker extends TestBroker, AutoCloseable {

    @Override
    void close();
}
