#!/bin/sh
# kubectl siha: this shell line, then the plugin's jar. C1 only and the serial collector: a command starts in about
# a fifth less time (kubectl-plugin/src/bench/startup.sh; README, "kubectl siha").
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$0" "$@"
