package de.wattos.agent.internal.web;

import de.wattos.agent.internal.service.CatalogueEntry;
import de.wattos.agent.internal.service.ServiceCatalogue;
import de.wattos.agent.internal.service.ServiceCatalogue.ServiceSpec;
import de.wattos.agent.internal.service.ServiceKind;
import de.wattos.agent.internal.service.ServiceMatcher;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's service catalogue that {@code service_link} answers from. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/services")
class ServiceCatalogueController {

    private final ServiceCatalogue catalogue;

    ServiceCatalogueController(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    record SearchResults(List<ServiceMatcher.Match> items) {
    }

    @GetMapping
    Page<CatalogueEntry> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        return new Page<>(catalogue.list(page * size, size), page, size, catalogue.count());
    }

    @GetMapping("/search")
    SearchResults search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "5") int limit) {
        if (q == null || q.isBlank() || q.length() > 500) {
            throw ApiException.invalidField("q", "1–500 characters");
        }
        if (limit < 1 || limit > 50) {
            throw ApiException.invalidField("limit", "between 1 and 50");
        }
        return new SearchResults(ServiceMatcher.rank(catalogue.all(), q, limit));
    }

    @GetMapping("/{id}")
    CatalogueEntry get(@PathVariable UUID id) {
        return catalogue.find(id).orElseThrow(() -> ApiException.notFound("Service"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CatalogueEntry create(@RequestBody ServiceSpec spec) {
        return catalogue.create(spec, validated(spec));
    }

    @PutMapping("/{id}")
    CatalogueEntry update(@PathVariable UUID id, @RequestBody ServiceSpec spec) {
        get(id);
        ServiceKind kind = validated(spec);
        return catalogue.update(id, spec, kind).orElseThrow(() -> ApiException.notFound("Service"));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        if (!catalogue.delete(id)) {
            throw ApiException.notFound("Service");
        }
    }

    private static ServiceKind validated(ServiceSpec spec) {
        if (spec == null || spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            throw ApiException.invalidField("name", "1–200 characters");
        }
        if (spec.description() != null && spec.description().length() > 4000) {
            throw ApiException.invalidField("description", "at most 4000 characters");
        }
        for (String text : new String[] {spec.office(), spec.fees()}) {
            if (text != null && text.length() > 1000) {
                throw ApiException.invalidField("office", "office and fees: at most 1000 characters each");
            }
        }
        if ((spec.documents() != null && spec.documents().size() > 50) || (spec.keywords() != null && spec.keywords().size() > 50)) {
            throw ApiException.invalidField("documents", "at most 50 documents and 50 keywords");
        }
        if (spec.url() != null && !spec.url().isBlank()) {
            try {
                URI uri = URI.create(spec.url().trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("url", "an http or https URL");
            }
        }
        try {
            return ServiceKind.of(spec.kind());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("kind", "form, appointment, online_service or information");
        }
    }
}
