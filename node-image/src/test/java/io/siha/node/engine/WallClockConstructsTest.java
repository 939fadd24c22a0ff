package io.siha.node.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WallClockConstructsTest {

    @Test
    void aTimeWindowOnTheWallClockIsNamedWithItsLineAndTheFix() {
        assertThat(WallClockConstructs.warnings("""
                @app:name('Windows')
                define stream Orders (region string, amount long);
                from Orders#window.time(1 min)
                select region, sum(amount) as total group by region insert into Totals;
                """)).singleElement().asString()
                .contains("a time-based window at line 3").contains("add @app:playback");
    }

    @Test
    void onEventTimeOnlyWhatNoClockCanReproduceIsNamed() {
        assertThat(WallClockConstructs.warnings("""
                @app:name('Windows')
                @app:playback
                define stream Orders (region string, amount long);
                define trigger Tick at every 5 sec;
                from Orders#window.timeBatch(1 min)
                select region, sum(amount) as total, currentTimeMillis() as at, UUID() as id
                group by region output last every 10 sec insert into Totals;
                """)).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("a trigger at line 4"))
                .anySatisfy(w -> assertThat(w).startsWith("UUID() at line 6"));
    }

    @Test
    void everyWallClockConstructIsFoundAndNothingInCommentsOrStrings() {
        assertThat(WallClockConstructs.warnings("""
                @app:name('Mixed')
                -- #window.time(1 sec) in a comment
                /* currentTimeMillis() in a block comment */
                @sink(type='log', prefix='#window.session(5 sec) UUID()')
                define stream Orders (region string, amount long);
                from every e1=Orders -> not Orders[amount > e1.amount] for 5 sec
                select e1.region insert into Quiet;
                from Orders select region, currentTimeMillis() as at output all every 2 sec insert into Stamped;
                from Orders#window.cron('*/5 * * * * ?') select * insert into Cron;
                """)).extracting(w -> w.substring(0, w.indexOf(" runs") > 0 ? w.indexOf(" runs") : w.indexOf(" gives")))
                .containsExactly("an absent pattern at line 6", "a time-based output rate at line 8",
                        "currentTimeMillis() at line 8", "a cron window at line 9");
    }

    @Test
    void anAppOnlyOnItsInputHasNoWarning() {
        assertThat(WallClockConstructs.warnings("""
                @app:name('Counter')
                define stream Orders (region string, amount long);
                from Orders#window.length(100) select region, sum(amount) as total group by region
                insert into Totals;
                from Orders#window.externalTime(ts, 1 min) select * insert into Late;
                """)).isEmpty();
    }
}
