package io.github.mqttbridge.testing;

import java.util.function.Supplier;

/**
 * The brokers an integration test can run its scenario against, each started once per JVM on first use and
 * stopped when the JVM exits (starting HiveMQ costs seconds). Run a scenario against all of them with
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @EnumSource(SharedBroker.class)
 * void connects(SharedBroker shared) {
 *     TestBroker broker = shared.get();   // skips (or fails under CI) when mosquitto is missing
 *     ...
 * }
 * }</pre>
 *
 * Tests that stop, kill or reconfigure a broker must start their own {@link MosquittoBroker} or
 * {@link EmbeddedBroker} instead of changing a shared one.
 */
public enum SharedBroker {
    EMBEDDED("embedded HiveMQ CE", () -> new EmbeddedBroker().start()),
    MOSQUITTO("mosquitto", () -> MosquittoBroker.builder().start());

    private final String label;
    private final Supplier<AutoCloseableBroker> starter;
    private AutoCloseableBroker running;

    SharedBroker(String label, Supplier<? extends AutoCloseableBroker> starter) {
        this.label = label;
        this.starter = starter::get;
    }

    /** The running broker; the first call starts it. */
    public synchronized TestBroker get() {
        if (this == MOSQUITTO) {
            MosquittoBroker.assumeAvailable();
        }
        if (running == null) {
            AutoCloseableBroker broker = starter.get();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "stop-" + name().toLowerCase()));
            running = broker;
        }
        return running;
    }

    @Override
    public String toString() {
        return label;
    }
}
