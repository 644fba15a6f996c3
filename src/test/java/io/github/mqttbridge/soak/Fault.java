package io.github.mqttbridge.soak;

/** The kinds of fault the schedule injects, each in its own way (see {@link FaultSchedule}). */
enum Fault {
    CONNECTION_CUT("Connections cut", "every connection of the connectors closed by the TCP proxy"),
    BLACK_HOLE("Black hole", "the proxy forwards nothing while the connections stay open"),
    MQTT_BROKER_KILL("Mosquitto killed", "SIGKILL, down a while, started again on its persistence"),
    TASK_RESTART("Task restarted", "one connector task restarted through the REST API"),
    WORKER_KILL("Connect worker killed", "the worker JVM SIGKILLed and started again"),
    KAFKA_RESTART("Kafka restarted", "the broker shut down and started again on its port and log directory");

    final String title;
    final String description;

    Fault(String title, String description) {
        this.title = title;
        this.description = description;
    }
}
