package io.github.mqttbridge.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ Community Edition inside the test JVM, so that {@code mvn verify} needs nothing but a JDK. Chosen over
 * Moquette for its compliance: MQTT 3.1 ("MQIsdp") and 3.1.1, QoS 0/1/2 both ways, retained messages, wills,
 * persistent sessions (cleanSession=false queueing) and WebSockets with the "mqtt" and "mqttv3.1" subprotocols.
 * It costs 4-6 s to start, so tests share one per JVM through {@link TestBrokers#embedded()}.
 *
 * <p>Gaps: it cannot be killed and restarted on the same ports inside the JVM while keeping its state the way a
 * crashed process would ({@link #supportsRestart()} is false; use {@link MosquittoBroker} for that), and it keeps
 * sessions in memory only. HiveMQ CE also speaks MQTT 5, which our 3.1.1 client never asks for.
 */
public final class EmbeddedBroker implements AutoCloseableBroker {

    /**
     * Subscriptions to filters starting with this are refused (SUBACK 0x80, MQTT 5: 0x87), and so are publishes to
     * topics starting with it (MQTT 5: PUBACK or PUBREC 0x87 with {@link #REFUSED_REASON}; MQTT 3: the connection is
     * closed), for tests of refusals.
     */
    public static final String REFUSED_FILTER_PREFIX = "refused/";
    public static final String REFUSED_REASON = "the test broker refuses everything under refused/";

    private final Path directory;
    private final BrokerPorts ports;
    private EmbeddedHiveMQ hivemq;

    public EmbeddedBroker() {
        this(BrokerPorts.free());
    }

    /** On the given ports: the quickstart wants the well-known 1883 for plain TCP when it is free. */
    public EmbeddedBroker(BrokerPorts ports) {
        this.ports = ports;
        try {
            directory = Files.createTempDirectory("mqttbridge-hivemq");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized EmbeddedBroker start() {
        try {
            Path config = Files.createDirectories(directory.resolve("conf"));
            Files.writeString(config.resolve("config.xml"), configXml(TestCertificates.shared()));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(Files.createDirectories(directory.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(directory.resolve("extensions")))
                    .withEmbeddedExtension(authenticationExtension())
                    .withoutLoggingBootstrap()
                    .build();
            // 4-6 s on an idle machine; a run under load (.ci/verify-under-load, load average 30) took over 60 s
            hivemq.start().get(180, TimeUnit.SECONDS);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ CE did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting HiveMQ CE", e);
        }
    }

    @Override
    public synchronized void close() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ CE did not stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hivemq = null;
            TestFiles.deleteRecursively(directory);
        }
    }

    private String configXml(TestCertificates certs) {
        String password = new String(TestCertificates.STORE_PASSWORD);
        String keystore = "<keystore><path>" + certs.server().pkcs12() + "</path><password>" + password
                + "</password><private-key-password>" + password + "</private-key-password></keystore>";
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    <tls-tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address>
                      <tls>%s<client-authentication-mode>NONE</client-authentication-mode></tls>
                    </tls-tcp-listener>
                    <tls-tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address>
                      <tls>%s<truststore><path>%s</path><password>%s</password></truststore>
                        <client-authentication-mode>REQUIRED</client-authentication-mode></tls>
                    </tls-tcp-listener>
                    <websocket-listener><port>%d</port><bind-address>127.0.0.1</bind-address><path>/mqtt</path>
                      <subprotocols><subprotocol>mqtt</subprotocol><subprotocol>mqttv3.1</subprotocol></subprotocols>
                      <allow-extensions>true</allow-extensions>
                    </websocket-listener>
                    <tls-websocket-listener><port>%d</port><bind-address>127.0.0.1</bind-address><path>/mqtt</path>
                      <subprotocols><subprotocol>mqtt</subprotocol><subprotocol>mqttv3.1</subprotocol></subprotocols>
                      <allow-extensions>true</allow-extensions>
                      <tls>%s<client-authentication-mode>NONE</client-authentication-mode></tls>
                    </tls-websocket-listener>
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <mqtt>
                    <!-- the default of 1000 would drop what tests queue for an offline or stalled subscriber -->
                    <queued-messages><max-queue-size>1000000</max-queue-size></queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(ports.tcp(), ports.ssl(), keystore, ports.mutualTls(), keystore, certs.ca().pkcs12(), password,
                ports.ws(), ports.wss(), keystore);
    }

    /**
     * Anonymous clients pass; a client that names a user must be {@link #USERNAME} with {@link #PASSWORD}.
     * Subscriptions under {@link #REFUSED_FILTER_PREFIX} are refused.
     */
    private static EmbeddedExtension authenticationExtension() {
        SimpleAuthenticator authenticator = (input, output) -> {
            Optional<String> user = input.getConnectPacket().getUserName();
            Optional<String> password = input.getConnectPacket().getPassword()
                    .map(buffer -> StandardCharsets.UTF_8.decode(buffer.asReadOnlyBuffer()).toString());
            if (user.isEmpty() || (user.get().equals(USERNAME) && password.orElse("").equals(PASSWORD))) {
                output.authenticateSuccessfully();
            } else {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            }
        };
        Authorizers authorizers = new Authorizers();
        return EmbeddedExtension.builder()
                .withId("mqttbridge-test-auth")
                .withName("mqttbridge test authentication")
                .withVersion("1")
                .withPriority(0)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
                        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizers);
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                    }
                })
                .build();
    }

    /** One authorizer for both: HiveMQ takes one per client and asks it whatever it implements. */
    private static final class Authorizers implements SubscriptionAuthorizer, PublishAuthorizer {
        @Override
        public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
            if (input.getSubscription().getTopicFilter().startsWith(REFUSED_FILTER_PREFIX)) {
                output.failAuthorization();
            } else {
                output.authorizeSuccessfully();
            }
        }

        @Override
        public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
            if (input.getPublishPacket().getTopic().startsWith(REFUSED_FILTER_PREFIX)) {
                output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, REFUSED_REASON);
            } else {
                output.authorizeSuccessfully();
            }
        }
    }

    @Override
    public String name() {
        return "embedded HiveMQ CE";
    }







    @Override
    public BrokerPorts ports() {
        return ports;
    }

    @Override
    public boolean supportsRestart() {
        return false;
    }

    @Override
    public String diagnostics() {
        return name() + " (logs go to the test output through slf4j)";
    }

    @Override
    public String toString() {
        return name();
    }
}
