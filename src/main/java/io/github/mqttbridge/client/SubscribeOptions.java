package io.github.mqttbridge.client;

import java.util.OptionalInt;

/**
 * How {@link MqttClient#subscribe(String, SubscribeOptions)} subscribes: the maximum QoS, and the MQTT 5
 * subscription options. On an MQTT 3.1 or 3.1.1 connection only the QoS is sent; the rest is ignored.
 */
public final class SubscribeOptions {
    /** The largest subscription identifier MQTT 5 can carry (a variable byte integer). */
    public static final int MAX_SUBSCRIPTION_IDENTIFIER = 268_435_455;

    private final int qos;
    private final boolean noLocal;
    private final boolean retainAsPublished;
    private final int retainHandling;
    private final int subscriptionIdentifier;

    private SubscribeOptions(Builder b) {
        qos = b.qos;
        noLocal = b.noLocal;
        retainAsPublished = b.retainAsPublished;
        retainHandling = b.retainHandling;
        subscriptionIdentifier = b.subscriptionIdentifier;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** QoS {@code qos} with every MQTT 5 option at its default. */
    public static SubscribeOptions qos(int qos) {
        return builder().qos(qos).build();
    }

    public int qos() {
        return qos;
    }

    public boolean noLocal() {
        return noLocal;
    }

    public boolean retainAsPublished() {
        return retainAsPublished;
    }

    public int retainHandling() {
        return retainHandling;
    }

    /** The identifier the server attaches to messages matched by this subscription, if one was set. */
    public OptionalInt subscriptionIdentifier() {
        return subscriptionIdentifier == 0 ? OptionalInt.empty() : OptionalInt.of(subscriptionIdentifier);
    }

    @Override
    public String toString() {
        return "SubscribeOptions[qos=" + qos + ", noLocal=" + noLocal + ", retainAsPublished=" + retainAsPublished
                + ", retainHandling=" + retainHandling + ", subscriptionIdentifier=" + subscriptionIdentifier + "]";
    }

    /** Builds {@link SubscribeOptions}; each setter validates its argument. */
    public static final class Builder {
        private int qos;
        private boolean noLocal;
        private boolean retainAsPublished;
        private int retainHandling;
        private int subscriptionIdentifier;

        private Builder() {
        }

        /** The maximum QoS of messages on this subscription: 0, 1 or 2. Default 0. */
        public Builder qos(int qos) {
            this.qos = MqttMessage.requireQos(qos, "qos");
            return this;
        }

        /** MQTT 5: do not send this client the messages it publishes itself. Not allowed on a shared subscription. */
        public Builder noLocal(boolean noLocal) {
            this.noLocal = noLocal;
            return this;
        }

        /** MQTT 5: keep the retained flag of forwarded messages as the publisher set it. */
        public Builder retainAsPublished(boolean retainAsPublished) {
            this.retainAsPublished = retainAsPublished;
            return this;
        }

        /**
         * MQTT 5: when the server sends retained messages for this subscription. 0: on every subscribe (the
         * default); 1: only if the subscription did not exist yet; 2: never.
         */
        public Builder retainHandling(int retainHandling) {
            this.retainHandling = (int) Arguments.between(retainHandling, 0, 2, "", "retainHandling");
            return this;
        }

        /** MQTT 5: an identifier, 1 to 268,435,455, that arrives with every message this subscription matches. */
        public Builder subscriptionIdentifier(int subscriptionIdentifier) {
            this.subscriptionIdentifier = (int) Arguments.between(subscriptionIdentifier, 1,
                    MAX_SUBSCRIPTION_IDENTIFIER, "", "subscriptionIdentifier");
            return this;
        }

        public SubscribeOptions build() {
            return new SubscribeOptions(this);
        }
    }
}
