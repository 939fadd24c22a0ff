package io.siha.e2e;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a manifest that Fabric8's model does not know. Fabric8 parses them into {@code additionalProperties}
 * without complaint, so a misspelt key ({@code readinesProbe}) would parse fine; the API server would drop it or,
 * with kubectl's strict field validation, refuse the object.
 */
public final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {
    }

    /** Paths such as {@code spec.template.spec.containers[0].readinesProbe}; empty when every field is known. */
    public static List<String> of(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                walk(element, path + "[" + i++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> walk(element, path + "." + key, found));
        } else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            for (Method getter : value.getClass().getMethods()) {
                if (isPropertyGetter(getter)) {
                    Object property = invoke(getter, value);
                    // A CRD schema's additionalProperties is a schema field of its own, not the unknown-field map.
                    if (getter.getName().equals("getAdditionalProperties") && property instanceof Map<?, ?>) {
                        ((Map<?, ?>) property).keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
                    } else {
                        walk(property, join(path, propertyName(getter)), found);
                    }
                }
            }
        }
    }

    private static boolean isPropertyGetter(Method method) {
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                && method.getName().startsWith("get") && method.getDeclaringClass() != Object.class
                && method.getName().length() > 3;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
