package io.github.mqttbridge.client.internal.persistence;

import java.io.IOException;

/** Where a client's session state lives; opens the store of one client id. */
public interface SessionStoreFactory {
    SessionStore open(String clientId) throws IOException;
}
