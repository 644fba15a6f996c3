package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ConnectOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mosquitto 2.0.11 from Debian as installed: at most 20 messages in flight and 1000 queued per client. */
@BrokerColumn(column = 1, value = "Mosquitto 2.0 stock (20 in flight, 1000 queued)")
abstract class MosquittoStockCells extends InteropCells {

    /** The broker's own limit; a publisher that keeps to it loses nothing. */
    private static final int BROKER_INFLIGHT = 20;

    @Override
    protected InteropBroker startBroker() {
        return MosquittoInteropBroker.stock();
    }

    @Test
    @Override
    @BrokerFault(value = "with its default limits Mosquitto 2.0.11 acknowledges every QoS 2 message of a client that"
            + " keeps more than 20 in flight, then silently drops some; our client loses nothing of what arrives"
            + " (in order, once), and with a window of 20 everything arrives",
            reference = "eclipse-mosquitto/mosquitto#2876; mosquitto.conf(5): messages over the limits \"will be"
                    + " silently dropped\"")
    void qos2Bulk() throws Exception {
        Exchange wide = Exchange.untilQuiet(broker.tcpUri(), 2, ConnectOptions.builder().maxInflight(1000).build(),
                BULK);
        List<Integer> order = wide.payloads().stream().map(Integer::valueOf).toList();
        assertEquals(order.stream().sorted().distinct().toList(), order, "what arrived came in order, once each");
        assertTrue(wide.messages().stream().allMatch(m -> m.qos() == 2), "at QoS 2");
        System.out.println("Stock Mosquitto delivered " + order.size() + " of " + BULK + " QoS 2 messages, all"
                + " acknowledged, sent with 1000 in flight");

        Exchange.bulk(broker.tcpUri(), 2, ConnectOptions.builder().maxInflight(BROKER_INFLIGHT).build(), BULK)
                .assertAllInOrderAt(2);
    }
}
