package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ConnectOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mosquitto 2.0.11 from Debian as installed: at most 20 messages in flight and 1000 queued per client. */
@BrokerColumn(column = 1, value = "Mosquitto 2.0 stock (20 in flight, 1000 queued)")
abstract class MosquittoStockCells extends InteropCells {

    @Override
    protected InteropBroker startBroker() {
        return MosquittoInteropBroker.stock();
    }

    /**
     * Why the client's QoS 2 window defaults to 20 (the inherited cell runs at the defaults and loses nothing): a
     * publisher that keeps more QoS 2 messages in flight than the broker's limit has them all acknowledged and some
     * silently dropped. What arrives still arrives in order and once.
     */
    @Test
    void a_qos2_window_wider_than_the_brokers_limit_loses_acknowledged_messages_at_the_broker() throws Exception {
        Exchange wide = Exchange.untilQuiet(broker.tcpUri(), 2,
                ConnectOptions.builder().maxInflightQos2(1000).build(), BULK);
        List<Integer> order = wide.payloads().stream().map(Integer::valueOf).toList();
        assertEquals(order.stream().sorted().distinct().toList(), order, "what arrived came in order, once each");
        assertTrue(wide.messages().stream().allMatch(m -> m.qos() == 2), "at QoS 2");
        System.out.println("Stock Mosquitto delivered " + order.size() + " of " + BULK + " QoS 2 messages, all"
                + " acknowledged, sent with 1000 in flight");
    }
}
