package io.siha.node.bench;

import io.siha.node.engine.AppSource;

/**
 * The two Siddhi apps the benchmark feeds, one stateless and one stateful, over the same three-attribute stream
 * (the size the queue target is stated for).
 */
enum BenchApps {

    FILTER("Filter", """
            @app:name('Filter')
            define stream Trades (symbol string, price double, volume long);
            @info(name = 'expensive')
            from Trades[price > 100.0]
            select symbol, price, volume
            insert into Expensive;
            """),

    WINDOW("Window", """
            @app:name('Window')
            define stream Trades (symbol string, price double, volume long);
            @info(name = 'per-symbol-last-second')
            from Trades#window.time(1 sec)
            select symbol, avg(price) as avgPrice, sum(volume) as volume
            group by symbol
            insert into PerSymbol;
            """);

    static final String STREAM = "Trades";
    private static final int SYMBOLS = 50;

    final String appName;
    final String siddhi;

    BenchApps(String appName, String siddhi) {
        this.appName = appName;
        this.siddhi = siddhi;
    }

    AppSource source() {
        return new AppSource(appName.toLowerCase() + ".siddhi", siddhi);
    }

    /** The window app's aggregation over a length window of {@code events} trades: state of a size set exactly. */
    static AppSource lengthWindow(String appName, int events) {
        return new AppSource(appName.toLowerCase() + ".siddhi", """
                @app:name('%s')
                define stream Trades (symbol string, price double, volume long);
                from Trades#window.length(%d)
                select symbol, avg(price) as avgPrice, sum(volume) as volume
                group by symbol
                insert into PerSymbol;
                """.formatted(appName, events));
    }

    /** The attributes of the {@code n}th event: 50 symbols, half the prices above the filter's bound. */
    static Object[] trade(long n) {
        return new Object[] {"SYM" + (n % SYMBOLS), 50.0 + (n % 100), 10L + (n % 7)};
    }
}
