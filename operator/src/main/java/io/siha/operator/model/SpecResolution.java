package io.siha.operator.model;

import java.util.List;

/** The outcome of {@link SpecResolver}: the inputs to build from, or the problems that stop the operator from building. */
public sealed interface SpecResolution {

    record Valid(ResolvedInputs inputs) implements SpecResolution {
    }

    record Invalid(List<SpecProblem> problems) implements SpecResolution {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
