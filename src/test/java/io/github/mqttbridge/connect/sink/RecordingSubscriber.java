package io.github.mqttbridge.connect.sink;

import java.util.ArrayList;
import java.util.List;

/** A {@link Subscriber} that keeps what its library's callback or reader thread hands to {@link #received}. */
public abstract class RecordingSubscriber implements Subscriber {
    /** Guarded by itself; a copy-on-write list would copy it all on every message of a long stream. */
    private final List<Message> messages = new ArrayList<>();

    protected final void received(Message message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    @Override
    public final List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
