#!/usr/bin/env bash
# One command from a fresh clone to data flowing MQTT -> Kafka -> MQTT; needs only JDK 17+ and Maven, no Docker.
# Builds the plugin, then runs io.github.mqttbridge.quickstart.Quickstart (a test-scope main): Kafka (KRaft) and an
# MQTT broker in one JVM, a Connect worker in a second JVM that loads target/plugins through plugin.path, the
# connectors from config/*.json, and simulated devices. ./quickstart.sh --help lists the options.
set -euo pipefail
cd "$(dirname "$0")"

build=true
for arg in "$@"; do
  if [ "$arg" = "--skip-build" ]; then build=false; fi
done
if $build; then
  echo "Building the plugin: mvn package -DskipTests (the first run downloads Kafka and takes a few minutes) ..."
  mvn -q -B package -DskipTests
fi

classpath="target/test-classes:target/classes:$(cat target/quickstart/dependencies.classpath)"
# exec: Ctrl-C reaches the JVM directly, whose shutdown hook stops the worker, Kafka and the broker.
exec java -Xmx1g -Dorg.slf4j.simpleLogger.logFile=target/quickstart/quickstart.log \
  -cp "$classpath" io.github.mqttbridge.quickstart.Quickstart "$@"
