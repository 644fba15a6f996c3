package io.github.mqttbridge.client.internal.engine;

import java.util.concurrent.CompletableFuture;

/** An outbound message and the future its sender holds. */
record Delivery<M>(M message, CompletableFuture<Void> future) {
}
