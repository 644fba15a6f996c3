package io.github.mqttbridge.client;

/**
 * MQTT 5 enhanced authentication (MQTT 5 section 4.12): a challenge/response exchange of AUTH packets between
 * CONNECT and CONNACK, for methods such as SCRAM or Kerberos that a user name and password cannot carry. Set with
 * {@code ConnectOptions.builder().mqttVersion(5).authenticator(...)}. The client calls it on its callback thread,
 * once per step; an exception ends the attempt, and the server is told with DISCONNECT 0x87 (Not authorized).
 */
public interface MqttAuthenticator {

    /** The authentication method, as the server knows it, e.g. "SCRAM-SHA-256". */
    String method();

    /** The authentication data of the CONNECT, or null for none. */
    byte[] initialData();

    /** Answers the server's challenge (an AUTH "continue authentication"): the data of our next AUTH. */
    byte[] challenge(byte[] serverData) throws Exception;

    /**
     * The server accepted us; {@code serverData} is the authentication data of its CONNACK, or null. Throwing here
     * (the server failed to prove itself, say) ends the connection.
     */
    default void accepted(byte[] serverData) throws Exception {
    }
}
