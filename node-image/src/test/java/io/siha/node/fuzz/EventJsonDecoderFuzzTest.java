package io.siha.node.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.siddhi.query.api.definition.Attribute;
import io.siha.node.engine.StreamInput;
import io.siha.node.ingest.BadEventException;
import io.siha.node.ingest.EventJsonDecoder;
import io.siha.node.ingest.IncomingEvent;
import io.siha.node.sync.SyncEvent;
import io.siha.node.sync.WireFrames;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest port's JSON decoder alone, over a stream with an attribute of every type, fed JSON of any shape and
 * mutations of valid events: it returns events whose values have their attribute's type and meaning and that reach
 * the passive unchanged when the active replicates them, or throws its BadEventException with a message, nothing else.
 */
class EventJsonDecoderFuzzTest {

    private static final StreamInput TRADES = new StreamInput("Market", "Trades", List.of(
            new Attribute("symbol", Attribute.Type.STRING), new Attribute("volume", Attribute.Type.INT),
            new Attribute("seq", Attribute.Type.LONG), new Attribute("price", Attribute.Type.DOUBLE),
            new Attribute("ratio", Attribute.Type.FLOAT), new Attribute("buy", Attribute.Type.BOOL)), null);
    private static final Map<Attribute.Type, Class<?>> JAVA_TYPES = Map.of(Attribute.Type.STRING, String.class,
            Attribute.Type.INT, Integer.class, Attribute.Type.LONG, Long.class, Attribute.Type.DOUBLE, Double.class,
            Attribute.Type.FLOAT, Float.class, Attribute.Type.BOOL, Boolean.class);

    /** The range of the integers in bodies: far past 64 bits, and past a double's range upwards. */
    private static final BigInteger MIN_NUMBER = BigInteger.TEN.pow(300).negate();
    private static final BigInteger MAX_NUMBER = BigInteger.TEN.pow(400);
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final EventJsonDecoder decoder = new EventJsonDecoder(100);

    @Test
    void anyBodyBecomesReplicableWellTypedEventsOrABadEventException() {
        Fuzz.tries(1000, random -> decodesToReplicableWellTypedEventsOrRefuses(body(random)));
    }

    private void decodesToReplicableWellTypedEventsOrRefuses(byte[] body) {
        MeasuredCall<Object> call = MeasuredCall.run(Duration.ofSeconds(5), () -> {
            try {
                return decoder.decode(body, TRADES, 42);
            } catch (BadEventException e) {
                return e;
            }
        });

        if (call.result() instanceof BadEventException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        @SuppressWarnings("unchecked")
        List<IncomingEvent> events = (List<IncomingEvent>) call.result();
        assertThat(events).isNotEmpty();
        for (IncomingEvent event : events) {
            checkTyped(event);
            SyncEvent processed = new SyncEvent(1, event.timestamp(), TRADES.app(), TRADES.stream(),
                    event.eventId(), event.data());
            assertThat(WireFrames.replicated(processed)).as("what the passive holds of the event the active processed")
                    .isEqualTo(processed);
        }
    }

    private static void checkTyped(IncomingEvent event) {
        assertThat(event.timestamp()).isNotNegative();
        for (int i = 0; i < TRADES.attributes().size(); i++) {
            Object value = event.data()[i];
            if (value == null) {
                continue;
            }
            assertThat(value).isInstanceOf(JAVA_TYPES.get(TRADES.attributes().get(i).getType()));
            if (value instanceof Double d) {
                assertThat(d).as("a double that JSON can write back").isFinite();
            }
            if (value instanceof Float f) {
                assertThat(f).as("a float that JSON can write back").isFinite();
            }
        }
    }

    /** JSON of any shape, a Trades event, or one with one or two byte mutations. */
    private static byte[] body(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> JsonBodies.anyJson(random);
            case 1 -> write(trade(random));
            default -> ByteMutation.several(random, 2).apply(write(trade(random)));
        };
    }

    /** Every character past ASCII written as a JSON escape, lone surrogates too, as a client might send them. */
    private static byte[] write(Object value) {
        try {
            return ESCAPING.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid-looking Trades event, values drawn from the scalars that JSON of any shape uses too. */
    private static Map<String, Object> trade(Random random) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("symbol", random.nextBoolean() ? JsonBodies.text(random, 0, 40)
                : Draw.of(random, "\ud800", "a\udc00b", "\ud83d\ude00", "\ude00\ud83d"));
        event.put("volume", number(random));
        event.put("seq", number(random));
        event.put("price", number(random));
        event.put("ratio", number(random));
        event.put("buy", true);
        String id = Draw.orNull(random, 0.3, () -> JsonBodies.text(random, 1, 300));
        if (id != null) {
            event.put("$id", id);
        }
        return event;
    }

    /** A long, a finite double, or an integer from -10^300 to 10^400. */
    private static Object number(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Long.valueOf(Draw.anyLong(random));
            case 1 -> Double.valueOf(Draw.anyDouble(random));
            default -> Draw.between(random, MIN_NUMBER, MAX_NUMBER);
        };
    }
}
