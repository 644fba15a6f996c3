package io.github.mqttbridge.bench;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The little the benchmark needs of an MQTT client library, so each library is driven the same way. */
interface BenchClient extends AutoCloseable {

    void connect() throws Exception;

    /** Subscribes and returns once the server granted it; {@code onMessage} gets each payload. */
    void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws Exception;

    /** Completes when the library reports the message delivered at its QoS (written, PUBACK or PUBCOMP). */
    CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) throws Exception;

    @Override
    void close() throws Exception;
}
