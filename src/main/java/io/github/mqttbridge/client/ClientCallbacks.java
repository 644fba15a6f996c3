package io.github.mqttbridge.client;

/** The application's callbacks as the engine calls them, always on the client's callback thread. */
interface ClientCallbacks {
    void connected(boolean reconnect, String uri);

    void connectionLost(ConnectionLost lost);

    void messageArrived(MqttMessage message);

    void delivered(MqttMessage message);

    /** False while no one listens for deliveries, which then cost no hand-over to the callback thread. */
    boolean wantsDelivered();
}
