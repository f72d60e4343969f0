package de.wattos.knowledge.internal.web;

import de.wattos.knowledge.internal.SpaceService;
import de.wattos.knowledge.internal.Spaces;
import de.wattos.platform.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Knowledge spaces: {@code /api/v1/tenants/{tenant}/spaces}. The tenant comes from the bound TenantContext. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/spaces")
class SpaceController {

    record SpaceRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a language code such as de or en") String language) {
    }

    private final SpaceService spaces;
    private final Spaces repository;

    SpaceController(SpaceService spaces, Spaces repository) {
        this.spaces = spaces;
        this.repository = repository;
    }

    @GetMapping
    Page<Spaces.Space> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        return new Page<>(repository.list(page, size), page, size, repository.count());
    }

    @PostMapping
    ResponseEntity<Spaces.Space> create(@Valid @RequestBody SpaceRequest request) {
        Spaces.Space space = spaces.create(request.name().strip(), request.description(),
                request.language() == null ? "de" : request.language());
        return ResponseEntity.status(HttpStatus.CREATED).body(space);
    }

    @GetMapping("/{space}")
    Spaces.Space get(@PathVariable UUID space) {
        return spaces.get(space);
    }

    @PutMapping("/{space}")
    Spaces.Space update(@PathVariable UUID space, @Valid @RequestBody SpaceRequest request) {
        return spaces.update(space, request.name().strip(), request.description(),
                request.language() == null ? "de" : request.language());
    }

    @DeleteMapping("/{space}")
    ResponseEntity<Void> delete(@PathVariable UUID space) {
        spaces.delete(space);
        return ResponseEntity.noContent().build();
    }
}
