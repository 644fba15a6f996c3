package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttErrorCode;
import io.github.mqttbridge.client.MqttException;
import io.github.mqttbridge.client.SubscribeOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the task's subscriptions once a connection is up. A filter the broker confirmed is not subscribed again:
 * the client re-subscribes by itself whenever the broker lost the session, and subscribing again to a kept one
 * would only make the broker resend its retained messages. A filter the broker refuses fails the task. Once every
 * filter is confirmed, the lowest QoS granted is reported: that QoS, not the one asked for, sets the guarantee.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final MqttClient client;
    private final List<String> filters;
    private final int qos;
    private final Consumer<ConnectException> fatal;
    private final IntConsumer allConfirmedAt;
    private final Map<String, Integer> granted = new ConcurrentHashMap<>();
    private final AtomicBoolean reported = new AtomicBoolean();

    Subscriptions(MqttClient client, SubscribedFilters filters, int qos, Consumer<ConnectException> fatal,
                  IntConsumer allConfirmedAt) {
        this.client = client;
        this.filters = filters.all();
        this.qos = qos;
        this.fatal = fatal;
        this.allConfirmedAt = allConfirmedAt;
    }

    /** Called on each new connection: subscribes to every filter not confirmed yet. */
    void subscribeMissing() {
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            if (granted.containsKey(filter)) {
                continue;
            }
            // An MQTT 3 connection sends only the QoS; on MQTT 5 the identifier tells which filter a message matched.
            SubscribeOptions options = SubscribeOptions.builder().qos(qos)
                    .subscriptionIdentifier(SubscribedFilters.identifier(i)).build();
            try {
                client.subscribe(filter, options).whenComplete((granted, error) -> done(filter, granted, error));
            } catch (IllegalStateException lostMeanwhile) {
                log.warn("Connection lost before subscribing to '{}'; subscribing on the next connection", filter);
            }
        }
    }

    private void done(String filter, Integer grantedQos, Throwable error) {
        if (error == null) {
            granted.put(filter, grantedQos);
            if (grantedQos < qos) {
                log.warn("The broker granted QoS {} instead of {} for '{}': messages on it get QoS {}'s guarantee",
                        grantedQos, qos, filter, grantedQos);
            } else {
                log.info("Subscribed '{}' to '{}' at QoS {}", client.clientId(), filter, grantedQos);
            }
            if (allConfirmed() && reported.compareAndSet(false, true)) {
                allConfirmedAt.accept(granted.values().stream().mapToInt(Integer::intValue).min().orElse(qos));
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MqttException e && e.code() == MqttErrorCode.SUBSCRIBE_FAILED) {
            fatal.accept(new ConnectException("The MQTT broker refused the subscription of client '"
                    + client.clientId() + "' to '" + filter + "' (" + refusal(e) + "). Check the broker's access "
                    + "rules for this client id and user, and that it supports this filter (wildcards, $share/)."));
        } else {
            log.warn("Subscribing to '{}' failed ({}); trying again on the next connection", filter, cause.getMessage());
        }
    }

    /** The SUBACK's words: MQTT 3's return code, or MQTT 5's reason code and reason string. */
    private static String refusal(MqttException e) {
        return e.reason() == null ? "SUBACK return code 0x80" : "SUBACK reason code " + e.reason();
    }

    boolean allConfirmed() {
        return granted.keySet().containsAll(filters);
    }
}
