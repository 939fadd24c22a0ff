package io.siha.node.engine;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siha.node.extensions.NodeExtensions;
import io.siha.node.metrics.SinkMeters;
import io.siha.node.output.DigestScope;
import io.siha.node.output.HaSinkHandlerManager;
import io.siha.node.output.OutputId;
import io.siha.node.source.HaSourceHandlerManager;
import io.siha.node.source.SourceIntake;
import io.siha.node.store.HaRecordTableHandlerManager;
import io.siddhi.core.event.Event;
import io.siddhi.core.exception.CannotRestoreSiddhiAppStateException;
import io.siddhi.query.api.definition.StreamDefinition;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Siddhi apps of this node, parsed into runtimes. Built on every node at start (so a bad app stops the node
 * at once, with its file name), started only on the active. Events enter through {@link #input}, fed by the ingest
 * ports and by the takeover replay, and through the apps' own {@code @source}s, whose events an
 * {@link HaSourceHandlerManager} sends the same way; the sources open only once a takeover is done
 * ({@link #startSources}).
 */
public final class SiddhiEngine implements AutoCloseable {

    private static final Pattern APP_NAME = Pattern.compile("@app:name\\s*\\(", Pattern.CASE_INSENSITIVE);

    private final SiddhiManager manager;
    private final HaSourceHandlerManager sources;
    private final HaSinkHandlerManager sinks;
    private final HaRecordTableHandlerManager tables;
    private final Map<String, SiddhiAppRuntime> runtimes;
    private final Map<String, AppShape> shapes = new LinkedHashMap<>();
    private final Map<StreamKey, StreamInput> inputs = new ConcurrentHashMap<>();
    private boolean started;

    private SiddhiEngine(SiddhiManager manager, HaSourceHandlerManager sources, HaSinkHandlerManager sinks,
                         HaRecordTableHandlerManager tables, Map<String, SiddhiAppRuntime> runtimes) {
        this.manager = manager;
        this.sources = sources;
        this.sinks = sinks;
        this.tables = tables;
        this.runtimes = runtimes;
        runtimes.forEach((name, runtime) -> shapes.put(name, AppShape.of(runtime.getSiddhiApp())));
    }

    /** Parses every app, with a closed output gate (for validation and tests that read tables only). */
    public static SiddhiEngine create(List<AppSource> apps) {
        return create(apps, new OutputGate(), new SourceIntake());
    }

    /** As {@link #create(List, OutputGate, SourceIntake, NodeExtensions)}, with the node's own extensions only. */
    public static SiddhiEngine create(List<AppSource> apps, OutputGate gate, SourceIntake sources) {
        return create(apps, gate, sources, NodeExtensions.builtIn());
    }

    /**
     * Parses every app; throws {@link InvalidAppException} naming the file if one does not parse. Sinks of type
     * {@code http} emit only while {@code gate} is open; the apps' sources deliver to {@code sources}; the apps may
     * use {@code extensions} (the node's own and the users' jars').
     */
    public static SiddhiEngine create(List<AppSource> apps, OutputGate gate, SourceIntake sources,
                                      NodeExtensions extensions) {
        return create(apps, gate, sources, extensions, SinkMeters.unscraped());
    }

    /** As {@link #create(List, OutputGate, SourceIntake, NodeExtensions)}, each sink counting on {@code sinkMeters}. */
    public static SiddhiEngine create(List<AppSource> apps, OutputGate gate, SourceIntake sources,
                                      NodeExtensions extensions, SinkMeters sinkMeters) {
        SiddhiManager manager = new SiddhiManager();
        HaSourceHandlerManager sourceHandlers = new HaSourceHandlerManager(sources);
        manager.setSourceHandlerManager(sourceHandlers);
        HaSinkHandlerManager sinks = new HaSinkHandlerManager(gate);
        manager.setSinkHandlerManager(sinks);
        HaRecordTableHandlerManager tables = new HaRecordTableHandlerManager(gate);
        manager.setRecordTableHandlerManager(tables);
        manager.setExtension("sink:http", HttpPostSink.class);
        try {
            extensions.register(manager);
        } catch (RuntimeException e) {
            manager.shutdown();
            throw e;
        }
        Map<String, SiddhiAppRuntime> runtimes = new LinkedHashMap<>();
        try {
            for (AppSource app : apps) {
                if (!APP_NAME.matcher(app.siddhi()).find()) {
                    throw new InvalidAppException(app.fileName() + ": the app has no @app:name('...'); the name is "
                            + "part of its ingest URL and of its persisted state, so it must be stable");
                }
                AppCredentials.maskVariables(app.siddhi());
                SiddhiAppRuntime runtime;
                try {
                    runtime = manager.createSiddhiAppRuntime(app.siddhi());
                } catch (RuntimeException e) {
                    throw new InvalidAppException(app.fileName() + ": " + AppCredentials.redact(String.valueOf(
                            e.getMessage())), e);
                }
                SiddhiAppRuntime twin = runtimes.put(runtime.getName(), runtime);
                if (twin != null) {
                    throw new InvalidAppException(app.fileName() + ": another app is also named '"
                            + runtime.getName() + "'");
                }
            }
        } catch (InvalidAppException e) {
            manager.shutdown();
            throw e;
        }
        sinks.bindMeters(sinkMeters);
        return new SiddhiEngine(manager, sourceHandlers, sinks, tables, runtimes);
    }

    public List<String> appNames() {
        return List.copyOf(runtimes.keySet());
    }

    /** Each app's streams by name, the streams an ingest port takes events for. */
    public Map<String, Set<String>> streamNames() {
        Map<String, Set<String>> streams = new LinkedHashMap<>();
        runtimes.forEach((name, runtime) -> streams.put(name, Set.copyOf(runtime.getStreamDefinitionMap().keySet())));
        return streams;
    }

    /**
     * Starts every runtime, those of apps with {@code @source}s without their sources: a takeover restores and replays
     * before any source opens. (Siddhi answers on-demand queries of such an app only once its sources are started.)
     */
    public synchronized void start() {
        if (!started) {
            runtimes.values().forEach(runtime -> {
                if (hasSources(runtime)) {
                    runtime.startWithoutSources();
                } else {
                    runtime.start();
                }
            });
            started = true;
        }
    }

    /** Opens the apps' own sources (HTTP receivers, Kafka consumers), once a takeover has restored and replayed. */
    public synchronized void startSources() {
        if (!started) {
            throw new IllegalStateException("the runtimes are not started");
        }
        runtimes.values().stream().filter(SiddhiEngine::hasSources).forEach(SiddhiAppRuntime::startSources);
    }

    private static boolean hasSources(SiddhiAppRuntime runtime) {
        return runtime.getSources().stream().anyMatch(sources -> !sources.isEmpty());
    }

    public synchronized boolean started() {
        return started;
    }

    /**
     * The input of {@code app}/{@code stream}, or {@link UnknownStreamException} naming what is unknown. Looked up
     * once per stream: Siddhi builds its stream definition map anew on every call (0.3 to 0.6 us warm, measured),
     * and a takeover's replay asks once per event.
     */
    public StreamInput input(String app, String stream) {
        StreamInput known = inputs.get(new StreamKey(app, stream));
        if (known != null) {
            return known;
        }
        StreamInput found = lookUp(app, stream);
        inputs.putIfAbsent(new StreamKey(app, stream), found);
        return found;
    }

    private record StreamKey(String app, String stream) {
    }

    private StreamInput lookUp(String app, String stream) {
        SiddhiAppRuntime runtime = runtimes.get(app);
        if (runtime == null) {
            throw new UnknownStreamException("unknown app '" + app + "' (this node runs " + runtimes.keySet() + ")");
        }
        StreamDefinition definition = runtime.getStreamDefinitionMap().get(stream);
        if (definition == null) {
            throw new UnknownStreamException("unknown stream '" + stream + "' in app '" + app + "' (its streams: "
                    + runtime.getStreamDefinitionMap().keySet() + ")");
        }
        return new StreamInput(app, stream, definition.getAttributeList(), runtime.getInputHandler(stream));
    }

    /**
     * A takeover's replay fed an event with {@code eventId} to {@code app}/{@code stream}: the stream's sources that
     * resume from transport positions (Kafka) learn that the pair holds it.
     */
    public void sourceEventReplayed(String app, String stream, String eventId) {
        sources.replayed(app, stream, eventId);
    }

    /**
     * Runs a Siddhi on-demand (store) query against {@code app}'s tables, windows or aggregations, e.g.
     * {@code from Totals select *}; returns the rows.
     */
    public List<Object[]> query(String app, String storeQuery) {
        SiddhiAppRuntime runtime = runtimes.get(app);
        if (runtime == null) {
            throw new UnknownStreamException("unknown app '" + app + "' (this node runs " + runtimes.keySet() + ")");
        }
        Event[] rows = runtime.query(storeQuery);
        return rows == null ? List.of() : Arrays.stream(rows).map(Event::getData).toList();
    }

    /** The state of every app, by app name. Callers hold the ingest barrier so no event is half-counted. */
    public Map<String, byte[]> snapshot() {
        Map<String, byte[]> states = new LinkedHashMap<>();
        runtimes.forEach((name, runtime) -> states.put(name, runtime.snapshot()));
        return Collections.unmodifiableMap(states);
    }

    /**
     * The SHA-256 of every app's state, in hex, its sinks' held outputs left out ({@link DigestScope}): equal on two
     * runtimes that processed the same events. Callers hold the ingest barrier, as for {@link #snapshot}.
     */
    public Map<String, byte[]> digestableState() {
        return DigestScope.leavingOutputsOut(this::snapshot);
    }

    /** The hex SHA-256 of each state of {@link #digestableState}, off the barrier. */
    public static Map<String, String> sha256(Map<String, byte[]> states) {
        Map<String, String> digests = new LinkedHashMap<>();
        states.forEach((app, state) -> {
            try {
                digests.put(app, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(state)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        });
        return digests;
    }

    /** The shape of every app's state, by app name: taken with each snapshot, compared before a restore. */
    public Map<String, AppShape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /**
     * Restores the apps present in {@code states}; an app added since the snapshot starts empty. Siddhi takes state
     * of another shape without complaint, so callers compare {@link #shapes()} first (see {@code StateFit}).
     */
    public void restore(Map<String, byte[]> states) throws CannotRestoreSiddhiAppStateException {
        for (Map.Entry<String, byte[]> state : states.entrySet()) {
            SiddhiAppRuntime runtime = runtimes.get(state.getKey());
            if (runtime != null) {
                runtime.restore(state.getValue());
            }
        }
    }

    /** Outputs of all sinks waiting for their receivers. */
    public long outputsPending() {
        return sinks.pending();
    }

    /**
     * Each sink's newest delivered output and each store table's newest write, by a key that is the same on both
     * nodes for the same apps (sink and table keys name different handler classes, so they never collide).
     */
    public Map<String, OutputId> deliveredMarks() {
        Map<String, OutputId> marks = new LinkedHashMap<>(sinks.deliveredMarks());
        marks.putAll(tables.writtenMarks());
        return marks;
    }

    /** Marks of what an earlier term's receivers took and stores got, so this runtime does not do it again. */
    public void advanceDelivered(Map<String, OutputId> marks) {
        sinks.advanceDelivered(marks);
        tables.advanceWritten(marks);
    }

    /** Why new events must wait: a sink's backlog is at its bound; empty otherwise. */
    public Optional<String> outputBacklogRefusal() {
        return sinks.backlogRefusal();
    }

    @Override
    public synchronized void close() {
        sinks.close();
        runtimes.values().forEach(SiddhiAppRuntime::shutdown);
        manager.shutdown();
        started = false;
    }
}
