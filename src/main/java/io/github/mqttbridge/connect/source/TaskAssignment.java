package io.github.mqttbridge.connect.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Which filters each task subscribes to. Plain filters are divided among the tasks, since two clients subscribed
 * to one plain filter would both get every message. A shared subscription goes to every task: the broker gives
 * each message to one member of the group, so more tasks means more throughput.
 */
final class TaskAssignment {
    private TaskAssignment() {
    }

    /** The filters of each task; never more lists than {@code maxTasks}, and none empty. */
    static List<List<String>> divide(List<String> filters, int maxTasks) {
        List<String> plain = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (String filter : filters) {
            (SubscriptionFilter.isShared(filter) ? shared : plain).add(filter);
        }
        int tasks = shared.isEmpty() ? Math.min(maxTasks, plain.size()) : maxTasks;
        List<List<String>> groups = new ArrayList<>();
        if (!plain.isEmpty()) {
            for (List<String> group : ConnectorUtils.groupPartitions(plain, Math.min(tasks, plain.size()))) {
                groups.add(new ArrayList<>(group));
            }
        }
        while (groups.size() < tasks) {
            groups.add(new ArrayList<>());
        }
        for (List<String> group : groups) {
            group.addAll(shared);
        }
        return groups;
    }
}
