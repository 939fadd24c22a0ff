package io.siha.operator.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AppSyntaxTest {

    @Test
    void aValidAppHasNoProblem() {
        assertThat(problem("""
                @app:name('Counter')
                @source(type='http', receiver.url='http://0.0.0.0:8280/orders', @map(type='json'))
                define stream Orders (region string, amount long);
                from Orders[amount > 5] select region insert into Big;
                """)).isEmpty();
        assertThat(problem("@app:name('Extra')")).as("an app that defines nothing does not parse")
                .hasValueSatisfying(problem -> assertThat(problem).contains("line 1"));
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        assertThat(problem("""
                @app:name('Broken')
                define stream Orders (region strin, amount long);
                """)).hasValueSatisfying(problem -> assertThat(problem).startsWith("does not parse at line 2, column")
                .contains("strin"));
        assertThat(problem("""
                @app:name('Broken')
                define stream Orders (region string);
                from Orders select nonsense(( insert into X;
                """)).hasValueSatisfying(problem -> assertThat(problem).contains("line 3"));
    }

    @Test
    void anAppWithoutANameIsAProblem() {
        assertThat(problem("define stream Orders (region string);"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("@app:name"));
    }

    @Test
    void textThatIsNoAppIsAProblem() {
        assertThat(problem("app a")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("does not parse"));
    }

    @Test
    void aParsedAppIsWhatTheCompilerRead() {
        assertThat(AppSyntax.parse("@app:name('Counter') define stream In (v long);"))
                .isInstanceOfSatisfying(AppSyntax.Parsed.class, parsed ->
                        assertThat(parsed.app().getStreamDefinitionMap()).containsOnlyKeys("In"));
    }

    private static Optional<String> problem(String siddhi) {
        return AppSyntax.parse(siddhi) instanceof AppSyntax.Refused refused ? Optional.of(refused.problem())
                : Optional.empty();
    }
}
