package io.siha.kubectl.switchover;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh {@code spec.switchover.requestId}: the time, readable in {@code kubectl get -o yaml}, and four random hex
 * digits so that two requests in one second differ. 26 characters, within the field's 63.
 */
final class RequestIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RequestIds() {
    }

    static String fresh(Clock clock) {
        return "kubectl-" + TIME.format(clock.instant()) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
