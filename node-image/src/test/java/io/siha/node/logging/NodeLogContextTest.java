package io.siha.node.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLogContextTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("node-log-context-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    NodeLogContextTest() {
        NodeLogContext.install();
        lines.setContext(logger.getLoggerContext());
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
        NodeLogContext.role("passive", 0);
    }

    @Test
    void everyThreadLogsUnderTheNodesRoleAndEpochNextToItsOwnEntries() throws Exception {
        NodeLogContext.node("orders-0");
        NodeLogContext.role("active", 7);
        Thread other = new Thread(() -> {
            MDC.put("request", "r-1");
            logger.info("from a thread that set nothing of the node's");
            MDC.clear();
        });
        other.start();
        other.join();
        NodeLogContext.role("passive", 8);
        logger.info("after the term ended");

        assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry("node", "orders-0")
                .containsEntry("role", "active").containsEntry("epoch", "7").containsEntry("request", "r-1");
        assertThat(lines.list.get(1).getMDCPropertyMap()).containsEntry("role", "passive").containsEntry("epoch", "8")
                .doesNotContainKey("request");
    }

    @Test
    void installingTwiceKeepsOneAdapter() {
        NodeLogContext.install();
        NodeLogContext.role("active", 3);
        logger.info("one line");
        assertThat(lines.list).singleElement().satisfies(line ->
                assertThat(line.getMDCPropertyMap()).containsEntry("epoch", "3"));
    }
}
