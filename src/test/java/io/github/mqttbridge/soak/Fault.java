package io.github.mqttbridge.soak;

/** The kinds of fault the schedule injects, each in its own way (see {@link FaultSchedule}). */
enum Fault {
    CONNECTION_CUT("Connections cut", "every connection of the connectors closed by the TCP proxy; instant"),
    BLACK_HOLE("Black hole", "the proxy forwards nothing while the connections stay open; ends when it forwards"
            + " again"),
    MQTT_BROKER_KILL("Mosquitto killed", "SIGKILL, down a while, started again on its persistence; ends when it"
            + " listens again"),
    TASK_RESTART("Task restarted", "one connector task restarted through the REST API; ends when the call returns,"
            + " the task stopped and started"),
    WORKER_KILL("Connect workers killed", "both worker JVMs SIGKILLed at once and started again; ends when the"
            + " new JVMs answer /health"),
    KAFKA_RESTART("Kafka restarted", "the broker shut down and started again on its port and log directory; ends"
            + " when it is ready; a transaction it leaves hanging (a Kafka bug, see the detail) is aborted as an"
            + " operator would with kafka-transactions.sh");

    final String title;
    final String description;

    Fault(String title, String description) {
        this.title = title;
        this.description = description;
    }
}
