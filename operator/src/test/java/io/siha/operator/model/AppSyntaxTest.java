package io.siha.operator.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppSyntaxTest {

    @Test
    void aValidAppHasNoProblem() {
        assertThat(AppSyntax.problem("""
                @app:name('Counter')
                @source(type='http', receiver.url='http://0.0.0.0:8280/orders', @map(type='json'))
                define stream Orders (region string, amount long);
                from Orders[amount > 5] select region insert into Big;
                """)).isEmpty();
        assertThat(AppSyntax.problem("@app:name('Extra')")).as("an app that defines nothing does not parse")
                .hasValueSatisfying(problem -> assertThat(problem).contains("line 1"));
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        assertThat(AppSyntax.problem("""
                @app:name('Broken')
                define stream Orders (region strin, amount long);
                """)).hasValueSatisfying(problem -> assertThat(problem).startsWith("does not parse at line 2, column")
                .contains("strin"));
        assertThat(AppSyntax.problem("""
                @app:name('Broken')
                define stream Orders (region string);
                from Orders select nonsense(( insert into X;
                """)).hasValueSatisfying(problem -> assertThat(problem).contains("line 3"));
    }

    @Test
    void anAppWithoutANameIsAProblem() {
        assertThat(AppSyntax.problem("define stream Orders (region string);"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("@app:name"));
    }

    @Test
    void textThatIsNoAppIsAProblem() {
        assertThat(AppSyntax.problem("app a")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("does not parse"));
    }
}
