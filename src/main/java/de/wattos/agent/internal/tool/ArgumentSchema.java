package de.wattos.agent.internal.tool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks tool arguments against the subset of JSON schema that tool parameters use (object, string, integer,
 * number, boolean, array; required, enum, min/maxLength, minimum/maximum, additionalProperties false). The errors
 * go back to the model so it can correct its call; they name fields, never values.
 */
public final class ArgumentSchema {

    private ArgumentSchema() {
    }

    public static List<String> errors(Map<String, Object> schema, Object value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "arguments", errors);
        return errors;
    }

    /** Problems of the schema itself (a tenant-defined tool's parameters), empty if usable. */
    public static List<String> schemaProblems(Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        if (schema == null || !"object".equals(schema.get("type"))) {
            problems.add("parameters must be a JSON schema of type object");
            return problems;
        }
        Object properties = schema.get("properties");
        if (properties != null && !(properties instanceof Map<?, ?>)) {
            problems.add("parameters.properties must be an object");
        }
        if (properties instanceof Map<?, ?> props) {
            for (var e : props.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> p) || !(p.get("type") instanceof String t)
                        || !List.of("string", "integer", "number", "boolean", "array", "object").contains(t)) {
                    problems.add("parameters.properties." + e.getKey() + " needs a type (string, integer, number, boolean, array, object)");
                } else if (!e.getKey().toString().matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                    problems.add("parameter names are letters, digits and _: " + e.getKey());
                }
            }
        }
        Object required = schema.get("required");
        if (required != null && !(required instanceof List<?>)) {
            problems.add("parameters.required must be a list");
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String path, List<String> errors) {
        if (schema == null) {
            return;
        }
        Object type = schema.get("type");
        if (type instanceof String t && !matchesType(t, value)) {
            errors.add(path + " must be " + (t.equals("object") ? "an object" : t.equals("array") ? "an array" : "a " + t));
            return;
        }
        if (schema.get("enum") instanceof Collection<?> allowed && !allowed.contains(value)) {
            errors.add(path + " must be one of " + allowed);
        }
        if (value instanceof String s) {
            if (schema.get("minLength") instanceof Number min && s.length() < min.intValue()) {
                errors.add(path + " must have at least " + min + " characters");
            }
            if (schema.get("maxLength") instanceof Number max && s.length() > max.intValue()) {
                errors.add(path + " must have at most " + max + " characters");
            }
        }
        if (value instanceof Number n) {
            if (schema.get("minimum") instanceof Number min && n.doubleValue() < min.doubleValue()) {
                errors.add(path + " must be at least " + min);
            }
            if (schema.get("maximum") instanceof Number max && n.doubleValue() > max.doubleValue()) {
                errors.add(path + " must be at most " + max);
            }
        }
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                check((Map<String, Object>) items, list.get(i), path + "[" + i + "]", errors);
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
            if (schema.get("required") instanceof List<?> required) {
                for (Object name : required) {
                    if (object.get(name) == null) {
                        errors.add(path + "." + name + " is required");
                    }
                }
            }
            for (var e : object.entrySet()) {
                String name = String.valueOf(e.getKey());
                Object propertySchema = properties.get(name);
                if (propertySchema instanceof Map<?, ?> ps) {
                    if (e.getValue() != null) {
                        check((Map<String, Object>) ps, e.getValue(), path + "." + name, errors);
                    }
                } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    errors.add(path + "." + name + " is not a known parameter");
                }
            }
        }
    }

    private static boolean matchesType(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map<?, ?>;
            case "array" -> value instanceof List<?>;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                    || (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue()));
            case "number" -> value instanceof Number;
            case "null" -> value == null;
            default -> true;
        };
    }
}
