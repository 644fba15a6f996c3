package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import io.github.mqttbridge.client.internal.engine.Authentication;
import io.github.mqttbridge.client.internal.engine.EngineOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT 5 setters of {@link ConnectOptions.Builder}, kept apart so that the builder stays readable; public
 * through the builder, as {@code StringBuilder}'s methods are through its package-private base.
 */
abstract class Mqtt5Setters<B extends Mqtt5Setters<B>> {
    private static final long MAX_FOUR_BYTE_INTEGER = Mqtt5ConnectOptions.NEVER_EXPIRES;

    private Long sessionExpiryInterval;
    private int receiveMaximum = 65_535;
    private int topicAliasMaximum;
    private final List<UserProperty> userProperties = new ArrayList<>();
    private boolean requestProblemInformation = true;
    private boolean requestResponseInformation;
    private long willDelayInterval;
    private MqttAuthenticator authenticator;
    private int outboundTopicAliases;

    abstract B self();

    /**
     * MQTT 5: seconds the server keeps the session after the connection ends; 0 ends it with the connection,
     * {@link Mqtt5ConnectOptions#NEVER_EXPIRES} never. Unset, it follows {@code cleanSession} (0, or never).
     */
    public B sessionExpiryInterval(long seconds) {
        this.sessionExpiryInterval = Arguments.between(seconds, 0, MAX_FOUR_BYTE_INTEGER, " s",
                "sessionExpiryInterval");
        return self();
    }

    /** MQTT 5: how many QoS 1 and 2 messages the server may send us before we acknowledge; 1 to 65535. */
    public B receiveMaximum(int receiveMaximum) {
        this.receiveMaximum = (int) Arguments.between(receiveMaximum, 1, 65_535, "", "receiveMaximum");
        return self();
    }

    /** MQTT 5: how many topic aliases the server may use in what it sends us; 0 (the default) for none. */
    public B topicAliasMaximum(int topicAliasMaximum) {
        this.topicAliasMaximum = (int) Arguments.between(topicAliasMaximum, 0, 65_535, "", "topicAliasMaximum");
        return self();
    }

    /**
     * MQTT 5: how many topics we may publish to by topic alias, which saves a topic's bytes on every message to it
     * but the first; never more than the server allows. 0 (the default) for none.
     */
    public B outboundTopicAliases(int outboundTopicAliases) {
        this.outboundTopicAliases = (int) Arguments.between(outboundTopicAliases, 0, 65_535, "",
                "outboundTopicAliases");
        return self();
    }

    /** MQTT 5: adds a user property to the CONNECT, after those already there; names may repeat. */
    public B userProperty(String name, String value) {
        userProperties.add(new UserProperty(name, value));
        return self();
    }

    /** MQTT 5: whether the server may send reason strings and user properties with failures; on by default. */
    public B requestProblemInformation(boolean request) {
        this.requestProblemInformation = request;
        return self();
    }

    /**
     * MQTT 5: asks the server for response information, a topic prefix for request/response that
     * {@code MqttClient.responseInformation()} shows once connected (servers need not give one).
     */
    public B requestResponseInformation(boolean request) {
        this.requestResponseInformation = request;
        return self();
    }

    /** MQTT 5: seconds the server waits after the connection is lost before it publishes the will. */
    public B willDelayInterval(long seconds) {
        this.willDelayInterval = Arguments.between(seconds, 0, MAX_FOUR_BYTE_INTEGER, " s", "willDelayInterval");
        return self();
    }

    /** MQTT 5: enhanced authentication by challenge and response ({@link MqttAuthenticator}); null for none. */
    public B authenticator(MqttAuthenticator authenticator) {
        if (authenticator != null) {
            Arguments.utf8(authenticator.method(), "authenticator.method()");
        }
        this.authenticator = authenticator;
        return self();
    }

    static EngineOptions.Mqtt5 forEngine(Mqtt5ConnectOptions o) {
        MqttAuthenticator a = o.authenticator();
        return new EngineOptions.Mqtt5(o.sessionExpiryInterval(), o.receiveMaximum(), o.topicAliasMaximum(),
                o.userProperties().stream().map(p -> new StringPair(p.name(), p.value())).toList(),
                o.requestProblemInformation(), o.requestResponseInformation(), o.outboundTopicAliases(),
                a == null ? null : new Authentication() {
                    @Override
                    public String method() {
                        return a.method();
                    }

                    @Override
                    public byte[] initialData() {
                        return a.initialData();
                    }

                    @Override
                    public byte[] challenge(byte[] serverData) throws Exception {
                        return a.challenge(serverData);
                    }

                    @Override
                    public void accepted(byte[] serverData) throws Exception {
                        a.accepted(serverData);
                    }
                });
    }

    Mqtt5ConnectOptions mqtt5(boolean cleanSession) {
        long expiry = sessionExpiryInterval != null ? sessionExpiryInterval
                : cleanSession ? 0 : Mqtt5ConnectOptions.NEVER_EXPIRES;
        return new Mqtt5ConnectOptions(expiry, receiveMaximum, topicAliasMaximum, userProperties,
                requestProblemInformation, requestResponseInformation, outboundTopicAliases, willDelayInterval,
                authenticator);
    }
}
