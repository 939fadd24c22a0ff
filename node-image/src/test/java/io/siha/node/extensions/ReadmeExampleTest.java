package io.siha.node.extensions;

import io.siha.node.engine.AppSource;
import io.siha.node.engine.OutputGate;
import io.siha.node.engine.SiddhiEngine;
import io.siha.node.source.SourceIntake;
import io.siha.node.testing.CapturedStderr;
import io.siha.node.testing.FreePort;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example app of the README's "Bringing an SI app" (read from the README itself, so the two cannot drift apart),
 * on a real engine with the node's extensions, fed by the README's request over real HTTP.
 */
class ReadmeExampleTest {

    private static final String HEADING = "### Bringing an SI app: sources and mappers";

    @Test
    void theExampleAppRunsAndTakesTheExampleRequestOnce() throws Exception {
        int port = FreePort.find();
        String app = exampleApp().replace("http://0.0.0.0:8280/", "http://127.0.0.1:" + port + "/");
        SourceIntake intake = new SourceIntake();
        try (SiddhiEngine engine = SiddhiEngine.create(List.of(new AppSource("sweets.siddhi", app)), new OutputGate(),
                intake); CapturedStderr log = new CapturedStderr()) {
            RecordingTarget target = new RecordingTarget(engine);
            engine.start();
            intake.attach(target);
            engine.startSources();
            HttpClient http = HttpClient.newHttpClient();
            String body = "[{\"event\":{\"name\":\"toffee\",\"amount\":20.5}},{\"event\":{\"name\":\"toffee\","
                    + "\"amount\":30.0}},\n     {\"event\":{\"name\":\"toffee\",\"amount\":10.0}}]";
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/production")).header("Idempotency-Key", "batch-1")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(log.text()).isEqualTo(200);
                assertThat(reply.body()).isEqualTo("{\"acknowledged\":3}");
            }
            assertThat(engine.query("SweetFactory", "from ProductionTotals select *"))
                    .containsExactly(new Object[] {"toffee", 60.5});
            assertThat(target.taken()).extracting(RecordingTarget.Taken::eventId)
                    .containsExactly("batch-1#0", "batch-1#1", "batch-1#2");
        }
    }

    /** The first {@code siddhi} code block after the section's heading. */
    private static String exampleApp() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int section = text.indexOf(HEADING);
        assertThat(section).as("the README has the section").isNotNegative();
        int start = text.indexOf("```siddhi\n", section) + "```siddhi\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
