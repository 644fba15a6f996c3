package io.github.mqttbridge.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces the sink's input into Kafka on the round's own thread: sending is asynchronous, so topping the backlog
 * up at each sample costs the loop little, and the producer runs only as fast as the sink drains.
 */
final class KafkaFeed implements Feed {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private long fed;

    KafkaFeed(KafkaProducer<byte[], byte[]> producer, String topic, int partitions) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
    }

    @Override
    public void allow(long total) {
        for (; fed < total; fed++) {
            producer.send(new ProducerRecord<>(topic, (int) (fed % partitions), null, MqttLoad.payload((int) fed)));
        }
    }

    @Override
    public long fed() {
        return fed;
    }

    @Override
    public void close() {
        producer.flush();
    }
}
