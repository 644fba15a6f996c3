package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.session.ReceiptKeeper;
import java.util.Set;

/** The application's {@link MqttReceiptKeeper} as the session asks for it. */
record ReceiptKeeperAdapter(MqttReceiptKeeper keeper) implements ReceiptKeeper {

    static ReceiptKeeper of(MqttReceiptKeeper keeper) {
        return keeper == null ? null : new ReceiptKeeperAdapter(keeper);
    }

    @Override
    public Set<Integer> held() {
        return Set.copyOf(keeper.held());
    }

    @Override
    public void released(int packetId, Runnable forgotten) {
        keeper.released(packetId, forgotten);
    }

    @Override
    public void sessionLost() {
        keeper.sessionLost();
    }
}
