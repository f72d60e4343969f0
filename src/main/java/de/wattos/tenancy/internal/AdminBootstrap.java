package de.wattos.tenancy.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.platform.DataDirectory;
import de.wattos.platform.Ids;
import de.wattos.platform.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On an empty database, creates the platform admin {@code admin} with {@code WATTOS_ADMIN_PASSWORD}, else with a
 * generated password written to {@code <data dir>/admin-password.txt} (mode 600) and shown once when the server runs
 * on a terminal; when its output goes to a log, the log only names the file.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final Passwords passwords;
    private final DataDirectory data;
    private final DomainEvents bus;
    private final String configuredPassword;

    AdminBootstrap(Users users, Passwords passwords, DataDirectory data, DomainEvents bus,
            @Value("${wattos.admin.password:}") String configuredPassword) {
        this.users = users;
        this.passwords = passwords;
        this.data = data;
        this.bus = bus;
        this.configuredPassword = configuredPassword;
    }

    /** True when standard output is an interactive terminal, not a file or pipe. */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (users.anyPlatformAdmin()) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? KeyFiles.randomToken(18) : configuredPassword;
        var admin = new UserAccount(Ids.newId(), null, "admin", null, "Platform admin", passwords.hash("WATTOS_ADMIN_PASSWORD", password),
                Set.of(Role.PLATFORM_ADMIN), null, null);
        users.insertPlatformUser(admin);
        bus.publish(DomainEvent.of(null, EventDomain.PLATFORM, "user.created", DomainEvent.Subject.of("user", admin.id()),
                Map.of("username", "admin", "bootstrap", true))
                .withActor(DomainEvent.Actor.of(de.wattos.platform.Actor.SYSTEM)));
        if (generated) {
            Path file = data.root().resolve("admin-password.txt");
            KeyFiles.writeOwnerOnly(file, password + System.lineSeparator());
            if (onTerminal()) {
                // shown once on purpose: the operator needs it for the first login; a terminal is not a log file
                System.out.println("\n  WattOS platform admin created: user 'admin', password '" + password + "'\n"
                        + "  (also in " + file + "; change it after the first login)\n");
            } else {
                // output goes to a log (quickstart, service manager): the password stays in the owner-only file
                log.info("Platform admin 'admin' created; its generated password is in {} (readable by the owner only)", file);
            }
        } else {
            log.info("Platform admin 'admin' created with the password from WATTOS_ADMIN_PASSWORD");
        }
    }
}
