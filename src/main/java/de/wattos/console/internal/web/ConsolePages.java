package de.wattos.console.internal.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console is one static page (hash routing); {@code /console} and {@code /console/} serve it. */
@Controller
class ConsolePages {

    @GetMapping({"/console", "/console/"})
    String index() {
        return "forward:/console/index.html";
    }
}
