package io.siha.node.extensions.kafka;

import io.siddhi.annotation.Example;
import io.siddhi.annotation.Extension;
import io.siddhi.annotation.Parameter;
import io.siddhi.annotation.util.DataType;
import io.siddhi.core.config.SiddhiAppContext;
import io.siddhi.core.exception.SiddhiAppCreationException;
import io.siddhi.core.stream.ServiceDeploymentInfo;
import io.siddhi.core.stream.output.sink.Sink;
import io.siddhi.core.util.config.ConfigReader;
import io.siddhi.core.util.snapshot.state.State;
import io.siddhi.core.util.snapshot.state.StateFactory;
import io.siddhi.core.util.transport.DynamicOptions;
import io.siddhi.core.util.transport.OptionHolder;
import io.siddhi.query.api.definition.StreamDefinition;
import io.siha.node.extensions.PairName;
import io.siha.node.output.OutputBatch;
import io.siha.node.output.OutputIds;
import io.siha.node.output.OutputNotDeliveredException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code @sink(type='kafka')} with SI's parameters. Each output becomes one record with its output id in the header
 * {@value #OUTPUT_ID_HEADER} and the sink's name in {@value #SINK_HEADER}, sent through a {@link ProducerSession}:
 * the sink's outbox hands it runs of outputs ({@link OutputBatch}), which it sends at once and waits for together,
 * and a run counts as delivered only once the broker has all of it; otherwise the outbox hands it over again, so
 * nothing is dropped. With {@code delivery='idempotent'} (the default) a record can appear twice on the topic
 * (written, then its acknowledgement lost; or delivered by a killed active in its last moments), always with the same
 * id: what a consumer de-duplicates on. With {@code delivery='transactional'} each run is one Kafka transaction and a
 * new active fences the old one's producer and reads back what it committed, so a {@code read_committed} consumer sees
 * each output once. The producer is made on first use, on the delivery thread, so a broker that cannot be reached yet
 * delays outputs and never makes Siddhi drop one.
 */
@Extension(
        name = "kafka",
        namespace = "sink",
        description = "Writes each output to a Kafka topic with the idempotent producer, waiting for acks=all, with"
                + " the output's id in the record header siha-output-id.",
        parameters = {
            @Parameter(name = "bootstrap.servers", type = DataType.STRING,
                    description = "The brokers, host:port[,host:port...]."),
            @Parameter(name = "topic", type = DataType.STRING, dynamic = true,
                    description = "The topic to write to."),
            @Parameter(name = "partition.no", type = DataType.INT, optional = true, dynamic = true,
                    defaultValue = "none: the producer's partitioner (by key)",
                    description = "The partition to write to."),
            @Parameter(name = "key", type = DataType.STRING, optional = true, dynamic = true,
                    defaultValue = "none", description = "The record key, as UTF-8 text."),
            @Parameter(name = "optional.configuration", type = DataType.STRING, optional = true,
                    defaultValue = "none",
                    description = "Any other producer property, key:value,key2:value2 (SASL, TLS, compression.type,"
                            + " ...). enable.idempotence, acks, transactional.id and the serializers are the sink's"
                            + " own."),
            @Parameter(name = "delivery", type = DataType.STRING, optional = true, defaultValue = "idempotent",
                    description = "idempotent: each output written at least once, a repeat under its own id;"
                            + " transactional: each run of outputs one transaction, exactly once for read_committed"
                            + " consumers (needs a static topic).")
        },
        examples = @Example(syntax = "@sink(type='kafka', topic='alerts', bootstrap.servers='kafka:9092', "
                + "key='{{region}}', @map(type='json')) define stream Alerts (region string, total long);",
                description = "Writes each alert as JSON to topic alerts, keyed by region."))
public final class KafkaSink extends Sink<State> {

    /** The record header that carries the output id ({@code seq-position}). */
    public static final String OUTPUT_ID_HEADER = "siha-output-id";
    /**
     * The record header that names the sink that wrote it, {@code <pair>/<app>/<stream>}: output ids count per sink,
     * so where several pairs (or several sinks) write to one topic, a consumer de-duplicates on both headers.
     */
    public static final String SINK_HEADER = "siha-sink";

    private KafkaSinkOptions options;
    private String description;
    private byte[] sinkName;
    private ProducerSession session;

    @Override
    protected StateFactory<State> init(StreamDefinition definition, OptionHolder optionHolder, ConfigReader config,
                                       SiddhiAppContext context) {
        description = context.getName() + "/" + definition.getId();
        sinkName = (PairName.of(context) + "/" + description).getBytes(StandardCharsets.UTF_8);
        try {
            options = KafkaSinkOptions.parse(optionHolder, "siha:" + new String(sinkName, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SiddhiAppCreationException("sink:kafka of stream '" + definition.getId() + "': "
                    + e.getMessage(), e);
        }
        return null;
    }

    @Override
    public Class[] getSupportedInputEventClasses() {
        return new Class[] {String.class, byte[].class, ByteBuffer.class};
    }

    @Override
    public String[] getSupportedDynamicOptions() {
        return new String[] {KafkaSinkOptions.TOPIC, KafkaSinkOptions.PARTITION_NO, KafkaSinkOptions.KEY};
    }

    @Override
    protected ServiceDeploymentInfo exposeServiceDeploymentInfo() {
        return null;
    }

    @Override
    public void publish(Object payload, DynamicOptions dynamicOptions, State state) {
        ProducerRecord<byte[], byte[]> record = record(payload, dynamicOptions);
        ProducerSession current = session();
        Optional<OutputBatch> batch = OutputBatch.current();
        try {
            current.send(record, OutputIds.current());
        } catch (OutputNotDeliveredException e) {
            batch.ifPresentOrElse(b -> b.defer(current), current::abandon);
            throw e;
        }
        if (batch.isPresent()) {
            batch.get().defer(current);
        } else { // outside a node's outbox: wait for each record
            try {
                current.complete();
            } catch (OutputNotDeliveredException e) {
                current.abandon();
                throw e;
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(Object payload, DynamicOptions dynamicOptions) {
        String topic = options.topic().getValue(dynamicOptions);
        Integer partition;
        try {
            partition = options.partition() == null ? null
                    : KafkaSinkOptions.partition(options.partition().getValue(dynamicOptions));
            if (!options.topic().isStatic()) {
                KafkaClientProperties.topic(KafkaSinkOptions.TOPIC, topic);
            }
        } catch (IllegalArgumentException e) { // a dynamic value: retried like a failure, the backlog shows it
            throw new OutputNotDeliveredException("Kafka sink " + description + ": " + e.getMessage());
        }
        String key = options.key() == null ? null : options.key().getValue(dynamicOptions);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(SINK_HEADER, sinkName));
        OutputIds.current().ifPresent(id -> headers.add(new RecordHeader(OUTPUT_ID_HEADER,
                id.toString().getBytes(StandardCharsets.UTF_8))));
        return new ProducerRecord<>(topic, partition, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value(payload), headers);
    }

    private static byte[] value(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The producer session, opened on first use and again after one failed for good. */
    private ProducerSession session() {
        synchronized (this) {
            if (session != null && !session.usable()) {
                session.close();
                session = null;
            }
            if (session == null) {
                session = ProducerSession.open(options, description, sinkName);
            }
            return session;
        }
    }

    @Override
    public void connect() {
        // The producer is made by the first publish, on the outbox's delivery thread (see the class comment).
    }

    @Override
    public synchronized void disconnect() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void destroy() {
        disconnect();
    }
}
