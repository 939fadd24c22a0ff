package io.siha.node.extensions.kafka;

import io.siddhi.annotation.Example;
import io.siddhi.annotation.Extension;
import io.siddhi.annotation.Parameter;
import io.siddhi.annotation.util.DataType;
import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.exception.SiddhiAppCreationException;
import io.siddhi.core.stream.ServiceDeploymentInfo;
import io.siddhi.core.stream.input.source.Source;
import io.siddhi.core.stream.input.source.SourceEventListener;
import io.siddhi.core.stream.input.source.SourceSyncCallback;
import io.siddhi.core.util.config.ConfigReader;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.core.util.transport.OptionHolder;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code @source(type='kafka')} with SI's parameters, exactly-once into the pair: each record's event id is
 * {@code kafka:<topic>:<partition>:<offset>} ({@link RecordIds}), so the pair counts a record read twice once; the
 * offsets after the records processed are the source's Siddhi state ({@link ConsumedOffsets}), in every snapshot at the
 * same barrier as their effects; a takeover restores them, advances them by the replayed events' ids (through
 * {@link SourceSyncCallback}, which the replay calls), and only then opens the source, which reads on just after the
 * newest record the pair holds ({@link RecordFeed}). Nothing is committed to Kafka. The consumer exists only while the
 * source is connected, which is on the active after its takeover: a passive never joins the group.
 */
@Extension(
        name = "kafka",
        namespace = "source",
        description = "Reads records of Kafka topics into the HA pair, each exactly once: its offsets are in the pair's"
                + " snapshots (nothing is committed to Kafka), each record's event id is kafka:<topic>:<partition>:"
                + "<offset>, and a takeover reads on after the newest record the pair holds.",
        parameters = {
            @Parameter(name = "bootstrap.servers", type = DataType.STRING,
                    description = "The brokers, host:port[,host:port...]."),
            @Parameter(name = "topic.list", type = DataType.STRING,
                    description = "The topics to read, comma-separated."),
            @Parameter(name = "group.id", type = DataType.STRING,
                    description = "The consumer group, joined only without partition.no.list."),
            @Parameter(name = "partition.no.list", type = DataType.STRING, optional = true,
                    defaultValue = "none: subscribe with the group",
                    description = "Partitions to read of every topic, comma-separated, assigned by the source (no"
                            + " group membership). Pairs sharing a topic each name their own."),
            @Parameter(name = "threading.option", type = DataType.STRING, optional = true,
                    defaultValue = "single.thread",
                    description = "single.thread, topic.wise or partition.wise: accepted; every partition is read on"
                            + " one thread (the pair processes events one at a time under its barrier)."),
            @Parameter(name = "is.binary.message", type = DataType.BOOL, optional = true, defaultValue = "false",
                    description = "The @map gets the record's bytes instead of UTF-8 text (the binary mapper)."),
            @Parameter(name = "optional.configuration", type = DataType.STRING, optional = true,
                    defaultValue = "none",
                    description = "Any other consumer property, key:value,key2:value2 (SASL, TLS, auto.offset.reset:"
                            + "latest, isolation.level:read_committed, ...). enable.auto.commit and the"
                            + " deserializers are the source's own.")
        },
        examples = @Example(syntax = "@source(type='kafka', topic.list='orders', group.id='shop', "
                + "bootstrap.servers='kafka:9092', partition.no.list='0,1', @map(type='json')) "
                + "define stream Orders (region string, amount long);",
                description = "Reads partitions 0 and 1 of topic orders, JSON records."))
public final class KafkaSource extends Source<ConsumedOffsets> implements SourceSyncCallback {

    private final AtomicLong skippedRecords = new AtomicLong();
    private String description;
    private KafkaSourceOptions options;
    private RecordHandOver handOver;
    private ConsumedOffsets offsets;
    private RecordFeed feed;

    @Override
    public StateFactory<ConsumedOffsets> init(SourceEventListener listener, OptionHolder optionHolder,
                                              String[] requestedTransportPropertyNames, ConfigReader configReader,
                                              SiddhiAppContext context) {
        String stream = listener.getStreamDefinition().getId();
        description = context.getName() + "/" + stream;
        try {
            options = KafkaSourceOptions.parse(optionHolder);
            handOver = new RecordHandOver(listener, RecordTransportProperties.of(requestedTransportPropertyNames),
                    options.binary());
        } catch (IllegalArgumentException e) {
            throw new SiddhiAppCreationException("source:kafka of stream '" + stream + "': " + e.getMessage(), e);
        }
        // One state for the source's life (Siddhi keeps a single one for a source): restored into by a takeover and
        // advanced by its replay before the source connects.
        offsets = new ConsumedOffsets();
        return () -> offsets;
    }

    /**
     * A takeover's replay processed an event this source's stream had: if its id is a record of this source's, the
     * pair holds that record, and the source reads on after it.
     */
    @Override
    public void update(String[] transportSyncProperties) {
        if (transportSyncProperties == null || transportSyncProperties.length == 0) {
            return;
        }
        RecordIds.parse(transportSyncProperties[0]).filter(record -> options.reads(record.partition()))
                .ifPresent(record -> offsets.processed(record.partition(), record.offset()));
    }

    /**
     * Starts the consumer thread and returns: making a Kafka consumer takes about half a second, which a takeover
     * need not wait for (the source is its last step before the ingest ports open).
     */
    @Override
    public synchronized void connect(ConnectionCallback callback, ConsumedOffsets state) {
        feed = new RecordFeed(options, description, () -> new KafkaConsumer<>(options.consumerProperties()), state,
                handOver, skippedRecords, callback);
        feed.start();
    }

    @Override
    public synchronized void disconnect() {
        if (feed != null) {
            feed.stop();
            feed = null;
        }
    }

    @Override
    public void destroy() {
        disconnect();
    }

    @Override
    public synchronized void pause() {
        if (feed != null) {
            feed.pause();
        }
    }

    @Override
    public synchronized void resume() {
        if (feed != null) {
            feed.resume();
        }
    }

    @Override
    public Class[] getOutputEventClasses() {
        return new Class[] {String.class, byte[].class};
    }

    @Override
    protected ServiceDeploymentInfo exposeServiceDeploymentInfo() {
        return null;
    }
}
