package io.github.mqttbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every shared broker keeps the {@link TestBroker} promises that CONNACK-refusal tests build on. */
class BrokerContractIT {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SharedBroker.class)
    void acceptsAnonymousAndTheRightCredentialsAndRefusesAWrongPassword(SharedBroker shared) throws IOException {
        TestBroker broker = shared.get();
        assertEquals(0, RawSocket.connackCode(broker.tcpUri(), RawPackets.connect311("contract-anon")));
        assertEquals(0, RawSocket.connackCode(broker.tcpUri(),
                RawPackets.connect311("contract-user", broker.username(), broker.password())));
        int refused = RawSocket.connackCode(broker.tcpUri(),
                RawPackets.connect311("contract-bad", broker.username(), "wrong"));
        assertTrue(refused == 4 || refused == 5, "CONNACK return code " + refused + "\n" + broker.diagnostics());
    }
}
