package io.siha.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One x-kubernetes-validations rule, compiled and run with Google's CEL for Java, the language the API server
 * evaluates these rules in. {@code self} is the object the rule is attached to, as JSON values.
 *
 * <p>Kubernetes type-checks {@code self} against the schema; here it is dynamic, so a misspelt field name shows up
 * only when a test evaluates the rule with that field present.
 */
final class CelRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String expression;
    private final CelRuntime.Program program;

    /** @throws IllegalArgumentException if the expression is not valid CEL: the API server would refuse the CRD. */
    CelRule(String expression) {
        this.expression = expression;
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            this.program = RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("not a valid CEL rule: " + expression, e);
        }
    }

    /** Whether {@code self} passes the rule, as the API server would decide it. */
    boolean admits(JsonNode self) {
        try {
            Object result = program.eval(Map.of("self", celValue(self)));
            if (result instanceof Boolean admitted) {
                return admitted;
            }
            throw new IllegalStateException("rule " + expression + " gave " + result + ", not a boolean");
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("rule " + expression + " failed on " + self, e);
        }
    }

    /** JSON to the Java values CEL expects: int to Long, number to Double, object to Map, array to List. */
    private static Object celValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(field -> map.put(field.getKey(), celValue(field.getValue())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                node.forEach(element -> list.add(celValue(element)));
                yield list;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? (Object) node.longValue() : (Object) node.doubleValue();
            default -> throw new IllegalArgumentException("no CEL value for " + node.getNodeType() + " " + node);
        };
    }
}
