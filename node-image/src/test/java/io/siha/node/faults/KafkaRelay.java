package io.siha.node.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.siha.node.demo.LocalNode;

import java.util.List;
import java.util.Optional;

/**
 * The app the Kafka fault tests run on a pair: it reads the numbered orders of {@link KafkaOrders} from some partitions
 * of a topic through the Kafka source, relays each to an output topic through the Kafka sink, and keeps how many it
 * counted and the sum of their numbers: equal to what was produced only if each order was counted once.
 */
final class KafkaRelay {

    static final String APP = "KafkaRelay";
    static final String FILE = "relay.siddhi";
    /**
     * Partitions of the output topic: several, so that the outputs' order is checked as Kafka keeps it, per partition,
     * each order's on the partition its key (region) hashes to.
     */
    static final int OUT_PARTITIONS = 3;
    /** The stream of the transactional sink of {@link #appRelayingAlsoOnce}. */
    static final String ONCE_STREAM = "RelayedOnce";

    private KafkaRelay() {
    }

    /**
     * @param partitions     the source's {@code partition.no.list}
     * @param sourceServers  the brokers of {@code in}
     * @param sinkServers    the brokers of {@code out}
     */
    static String app(String in, String partitions, String sourceServers, String out, String sinkServers) {
        return app(in, partitions, sourceServers, out, sinkServers, "", "");
    }

    /**
     * As {@link #app(String, String, String, String, String)}, relaying each order also to {@code onceOut} through a
     * second sink, {@code delivery='transactional'} (stream {@value #ONCE_STREAM}).
     */
    static String appRelayingAlsoOnce(String in, String partitions, String servers, String out, String onceOut) {
        return app(in, partitions, servers, out, servers, """
                @sink(type='kafka', topic='%s', bootstrap.servers='%s', key='{{region}}', delivery='transactional',
                    @map(type='json'))
                define stream %s (region string, amount long);
                """.formatted(onceOut, servers, ONCE_STREAM), """
                from Orders select region, amount insert into %s;
                """.formatted(ONCE_STREAM));
    }

    /** The relay, with {@code moreDefinitions} and {@code moreQueries} (Siddhi wants definitions first). */
    private static String app(String in, String partitions, String sourceServers, String out, String sinkServers,
                              String moreDefinitions, String moreQueries) {
        return """
                @app:name('%s')
                @source(type='kafka', topic.list='%s', group.id='fault-kafka', bootstrap.servers='%s',
                    partition.no.list='%s', threading.option='single.thread', @map(type='json'))
                define stream Orders (region string, amount long);
                @sink(type='kafka', topic='%s', bootstrap.servers='%s', key='{{region}}', @map(type='json'))
                define stream Relayed (region string, amount long);
                define table Totals (key string, orders long, numberSum long);
                %sfrom Orders select region, amount insert into Relayed;
                from Orders select 'all' as key, count() as orders, sum(amount) as numberSum
                update or insert into Totals set Totals.orders = orders, Totals.numberSum = numberSum
                  on Totals.key == key;
                %s""".formatted(APP, in, sourceServers, partitions, out, sinkServers, moreDefinitions, moreQueries);
    }

    /** The orders the app counted and the sum of their numbers. */
    record Totals(long orders, long numberSum) {
    }

    /** The app's totals, from whichever of {@code nodes} answers (the active); empty before its first order. */
    static Optional<Totals> totals(List<LocalNode> nodes) {
        for (LocalNode node : nodes) {
            Optional<Totals> totals = node.query(APP, "from Totals select orders, numberSum")
                    .filter(rows -> rows.size() == 1).map(rows -> {
                        JsonNode row = rows.get(0);
                        return new Totals(row.get(0).asLong(), row.get(1).asLong());
                    });
            if (totals.isPresent()) {
                return totals;
            }
        }
        return Optional.empty();
    }

    /** The orders counted so far, 0 while no node answers. */
    static long counted(List<LocalNode> nodes) {
        return totals(nodes).map(Totals::orders).orElse(0L);
    }
}
