package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttErrorCode;
import io.github.mqttbridge.client.MqttException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the task's subscriptions once a connection is up. A filter the broker confirmed is not subscribed again:
 * the client re-subscribes by itself whenever the broker lost the session, and subscribing again to a kept one
 * would only make the broker resend its retained messages. A filter the broker refuses fails the task.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final MqttClient client;
    private final List<String> filters;
    private final int qos;
    private final Consumer<ConnectException> fatal;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    Subscriptions(MqttClient client, List<String> filters, int qos, Consumer<ConnectException> fatal) {
        this.client = client;
        this.filters = List.copyOf(filters);
        this.qos = qos;
        this.fatal = fatal;
    }

    /** Called on each new connection: subscribes to every filter not confirmed yet. */
    void subscribeMissing() {
        for (String filter : filters) {
            if (confirmed.contains(filter)) {
                continue;
            }
            try {
                client.subscribe(filter, qos).whenComplete((granted, error) -> done(filter, granted, error));
            } catch (IllegalStateException lostMeanwhile) {
                log.warn("Connection lost before subscribing to '{}'; subscribing on the next connection", filter);
            }
        }
    }

    private void done(String filter, Integer granted, Throwable error) {
        if (error == null) {
            confirmed.add(filter);
            if (granted < qos) {
                log.warn("The broker granted QoS {} instead of {} for '{}': messages on it get QoS {}'s guarantee",
                        granted, qos, filter, granted);
            } else {
                log.info("Subscribed '{}' to '{}' at QoS {}", client.clientId(), filter, granted);
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof MqttException e && e.code() == MqttErrorCode.SUBSCRIBE_FAILED) {
            fatal.accept(new ConnectException("The MQTT broker refused the subscription of client '"
                    + client.clientId() + "' to '" + filter + "' (SUBACK return code 0x80). Check the broker's access "
                    + "rules for this client id and user, and that it supports this filter (wildcards, $share/)."));
        } else {
            log.warn("Subscribing to '{}' failed ({}); trying again on the next connection", filter, cause.getMessage());
        }
    }

    boolean allConfirmed() {
        return confirmed.containsAll(filters);
    }
}
