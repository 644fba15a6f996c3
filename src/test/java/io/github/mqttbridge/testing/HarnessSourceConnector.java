package io.github.mqttbridge.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A source connector that exists to exercise {@link KafkaConnectCluster} and {@link ConnectRest} before the
 * real connectors do: each task writes {@code count} records "0".."count-1" to {@code topic} and stores the
 * number of the last one as its source offset (keys as STRING, values as BYTES, to suit the harness's
 * default converters), so a restarted task resumes where the committed offset says.
 */
public final class HarnessSourceConnector extends SourceConnector {

    static final ConfigDef CONFIG = new ConfigDef()
            .define("topic", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
                    "Topic to write to.")
            .define("count", ConfigDef.Type.INT, 10, ConfigDef.Range.atLeast(0), ConfigDef.Importance.HIGH,
                    "Records per task.");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<HarnessTask> taskClass() {
        return HarnessTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put("task.index", Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "test";
    }

    public static final class HarnessTask extends SourceTask {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private String topic;
        private int count;
        private Map<String, String> partition;
        private int next;

        @Override
        public void start(Map<String, String> props) {
            topic = props.get("topic");
            count = Integer.parseInt(props.getOrDefault("count", "10"));
            partition = Map.of("task", props.get("task.index"));
            Map<String, Object> offset = context.offsetStorageReader().offset(partition);
            next = offset == null ? 0 : ((Number) offset.get("n")).intValue() + 1;
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (next >= count) {
                // Connect calls poll again at once on null; blocking here keeps an idle task off the CPU.
                stopped.await(200, TimeUnit.MILLISECONDS);
                return null;
            }
            int n = next++;
            return List.of(new SourceRecord(partition, Map.of("n", n), topic, null, Schema.STRING_SCHEMA,
                    partition.get("task"), Schema.BYTES_SCHEMA,
                    Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
