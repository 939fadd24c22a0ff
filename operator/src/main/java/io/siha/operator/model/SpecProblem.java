package io.siha.operator.model;

/** A spec error the CRD schema cannot catch, e.g. a referenced Secret that does not exist. */
public record SpecProblem(String field, String message) {

    /** As shown in the InvalidSpec condition: the field path first, so a user knows what to edit. */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
