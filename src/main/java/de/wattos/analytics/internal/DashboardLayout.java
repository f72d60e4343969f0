package de.wattos.analytics.internal;

import de.wattos.platform.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Validates a dashboard: a name and grid items on a 12-column grid of at most {@value #MAX_ROWS} rows, inside
 * the grid, not overlapping, of known widget types. All problems are answered at once as field errors.
 */
public final class DashboardLayout {

    public static final int COLUMNS = 12;
    public static final int MAX_ROWS = 100;
    public static final int MAX_ITEMS = 50;
    static final int MAX_CONFIG_ENTRIES = 20;

    /** One grid item as stored and sent. */
    public record Item(String widgetType, Integer x, Integer y, Integer w, Integer h, Map<String, Object> config) {
    }

    private DashboardLayout() {
    }

    public static List<Item> validate(String name, List<Item> layout) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new ApiException.FieldError("name", "invalid", "analytics.field.name_length", List.of(1, 100)));
        }
        List<Item> items = layout == null ? List.of() : layout;
        if (items.size() > MAX_ITEMS) {
            errors.add(new ApiException.FieldError("layout", "invalid", "analytics.field.layout_size", List.of(MAX_ITEMS)));
        }
        List<Item> normalized = new ArrayList<>();
        for (int i = 0; i < items.size() && i < MAX_ITEMS; i++) {
            Item it = items.get(i);
            String at = "layout[" + i + "]";
            if (it == null) {
                errors.add(new ApiException.FieldError(at, "invalid", "field.invalid_value"));
                continue;
            }
            if (it.widgetType() == null || DashboardWidgetType.of(it.widgetType()).isEmpty()) {
                errors.add(new ApiException.FieldError(at + ".widgetType", "invalid", "analytics.field.widget_type",
                        List.of(String.join(", ", java.util.Arrays.stream(DashboardWidgetType.values())
                                .map(DashboardWidgetType::wire).toList()))));
            }
            boolean placed = true;
            placed &= range(errors, at + ".x", it.x(), 0, COLUMNS - 1);
            placed &= range(errors, at + ".y", it.y(), 0, MAX_ROWS - 1);
            placed &= range(errors, at + ".w", it.w(), 1, COLUMNS);
            placed &= range(errors, at + ".h", it.h(), 1, MAX_ROWS);
            if (placed && it.x() + it.w() > COLUMNS) {
                errors.add(new ApiException.FieldError(at + ".w", "out_of_grid", "analytics.field.out_of_grid_x", List.of(COLUMNS)));
                placed = false;
            }
            if (placed && it.y() + it.h() > MAX_ROWS) {
                errors.add(new ApiException.FieldError(at + ".h", "out_of_grid", "analytics.field.out_of_grid_y", List.of(MAX_ROWS)));
                placed = false;
            }
            if (it.config() != null && it.config().size() > MAX_CONFIG_ENTRIES) {
                errors.add(new ApiException.FieldError(at + ".config", "invalid", "analytics.field.config_size", List.of(MAX_CONFIG_ENTRIES)));
            }
            if (placed) {
                for (int j = 0; j < normalized.size(); j++) {
                    Item other = normalized.get(j);
                    if (other != null && overlaps(it, other)) {
                        errors.add(new ApiException.FieldError(at, "overlap", "analytics.field.overlap", List.of(j)));
                        break;
                    }
                }
            }
            normalized.add(placed ? new Item(it.widgetType(), it.x(), it.y(), it.w(), it.h(),
                    it.config() == null ? Map.of() : it.config()) : null);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors, Map.of());
        }
        return normalized;
    }

    private static boolean range(List<ApiException.FieldError> errors, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            errors.add(new ApiException.FieldError(field, "invalid", "field.between", List.of(min, max)));
            return false;
        }
        return true;
    }

    private static boolean overlaps(Item a, Item b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }
}
