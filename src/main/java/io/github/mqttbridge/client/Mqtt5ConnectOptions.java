package io.github.mqttbridge.client;

import java.util.List;

/**
 * The MQTT 5 settings of a {@link ConnectOptions}, set on its builder ({@code sessionExpiryInterval},
 * {@code receiveMaximum}, {@code topicAliasMaximum}, ...). An MQTT 3.1 or 3.1.1 connection ignores them.
 *
 * @param sessionExpiryInterval      seconds the server keeps the session after the connection ends; 0 ends it with
 *                                   the connection, 4,294,967,295 never. Unset, it follows cleanSession: 0 with a
 *                                   clean session, never without, as MQTT 3.1.1 keeps a session
 * @param receiveMaximum             how many QoS 1 and 2 messages the server may have unacknowledged towards us
 * @param topicAliasMaximum          how many topic aliases the server may use towards us; 0 for none
 * @param userProperties             the CONNECT's user properties, in order
 * @param requestProblemInformation  whether the server may send reason strings and user properties on failures
 * @param requestResponseInformation whether to ask the server for response information
 * @param outboundTopicAliases       how many topics we publish to by alias, at most what the server allows
 * @param willDelayInterval          seconds the server waits before publishing the will
 * @param authenticator              the enhanced authentication, or null for none
 */
public record Mqtt5ConnectOptions(long sessionExpiryInterval, int receiveMaximum, int topicAliasMaximum,
                                  List<UserProperty> userProperties, boolean requestProblemInformation,
                                  boolean requestResponseInformation, int outboundTopicAliases,
                                  long willDelayInterval,
                                  MqttAuthenticator authenticator) {
    /** The largest four-byte integer: a session expiry interval that never expires. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    public Mqtt5ConnectOptions {
        userProperties = List.copyOf(userProperties);
    }
}
