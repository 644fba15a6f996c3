package io.github.mqttbridge.client.internal.session;

import java.util.Set;

/**
 * The application's own record of the inbound QoS 2 messages it has taken and the server has not yet released,
 * kept where the application keeps the messages, so that the two cannot disagree after a crash. The session asks
 * it what an earlier life of the session held, and tells it of each release and of a session the server lost;
 * the PUBCOMP of a release waits until the keeper has durably forgotten the packet id, because after PUBCOMP the
 * server may give that id to a new message.
 */
public interface ReceiptKeeper {

    /** The packet ids held when the session opens: a resend of one is acknowledged again and not delivered. */
    Set<Integer> held();

    /** The server released {@code packetId}; run {@code forgotten} once forgetting it is durable. */
    void released(int packetId, Runnable forgotten);

    /** The server has no session for us: every id held is void. */
    void sessionLost();
}
