package io.github.mqttbridge.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class starts once for all its tests (a Kafka and Connect cluster, a broker, a worker process, a
 * captured log) and closes after the last one, also when a test or a later start failed. Register it on a static
 * field; several start in the order of their {@link org.junit.jupiter.api.Order @Order} and close in reverse, so a
 * resource may use one registered before it:
 *
 * <pre>{@code
 * @RegisterExtension
 * @Order(1)
 * static final ClassResource<KafkaConnectCluster> kafka = ClassResource.of(KafkaConnectCluster.builder()::startKafkaOnly);
 * @RegisterExtension
 * @Order(2)
 * static final ClassResource<ConnectWorkerProcess> worker =
 *         ClassResource.of(() -> ConnectWorkerProcess.builder(kafka.get().bootstrapServers()).start());
 * }</pre>
 *
 * A start that throws an assumption failure (e.g. {@link MosquittoBroker#assumeAvailable()}) skips the class.
 */
public final class ClassResource<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    /** Starts the resource; it may throw what the start throws. */
    @FunctionalInterface
    public interface Starter<T> {
        T start() throws Exception;
    }

    private final Starter<T> starter;
    private T resource;
    /** The class that started it: a nested class's callbacks, which inherit the field, leave it alone. */
    private String owner;

    private ClassResource(Starter<T> starter) {
        this.starter = starter;
    }

    public static <T extends AutoCloseable> ClassResource<T> of(Starter<T> starter) {
        return new ClassResource<>(starter);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (owner == null) {
            owner = context.getUniqueId();
            resource = starter.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getUniqueId().equals(owner)) {
            owner = null;
            T started = resource;
            resource = null;
            if (started != null) {
                started.close();
            }
        }
    }

    /** The running resource; only between the class's first and last test. */
    public T get() {
        if (resource == null) {
            throw new IllegalStateException("not started: register it with @RegisterExtension on a static field, and"
                    + " use it from tests, @BeforeAll methods or resources with a higher @Order");
        }
        return resource;
    }
}
